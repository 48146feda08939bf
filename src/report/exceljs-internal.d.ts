// exceljs's streaming sheet writer, patched in xlsx.ts to write <dimension> (exceljs ships no type for it).
declare module 'exceljs/lib/stream/xlsx/worksheet-writer.js' {
  const WorksheetWriter: { prototype: Record<string, unknown> };
  export default WorksheetWriter;
}
// exceljs's XML escaping and date serial number, with which xlsx.ts writes the rows of the big sheets.
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string; dateToExcel(d: Date, date1904?: boolean): number };
  export default utils;
}
