// exceljs's streaming sheet writer, patched in xlsx.ts to write <dimension> (exceljs ships no type for it).
declare module 'exceljs/lib/stream/xlsx/worksheet-writer.js' {
  const WorksheetWriter: { prototype: Record<string, unknown> };
  export default WorksheetWriter;
}
