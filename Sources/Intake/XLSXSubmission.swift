import DIPCore
import OfficeFormats

/// Reads an XLSX submission. Waits for the XLSX reader (branch `xlsx`).
func readXLSXSubmission(path: String, factory: ProblemFactory) -> (SubmissionResult, [String?: ColumnMap]) {
    (refusal(path: path, factory.make(
        .unsupportedType, message: "Pembacaan file .xlsx belum tersedia.",
        hint: "Kirim DIP dalam bentuk CSV.")), [:])
}
