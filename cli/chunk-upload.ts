/** The chunked upload the CLI's file commands share with the console (shared/documents/roster-file/send-chunks.ts). */
export { sendChunks } from '../shared/documents/roster-file/send-chunks';
