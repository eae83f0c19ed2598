/** pdfkit's standard-font data modules (untyped upstream), which its browser build is handed. */
declare module 'pdfkit/standard-fonts/Helvetica' {
  const data: { name: string }
  export default data
}
