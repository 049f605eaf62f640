document.title = 'Lindung';
