/// Numbers as Indonesian text writes them.
public enum IndonesianNumber {
    /// 37507 as "37.507": thousands grouped with a full stop.
    public static func grouped(_ n: Int) -> String {
        var digits = String(n.magnitude)
        var out = ""
        while digits.count > 3 {
            out = "." + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (n < 0 ? "-" : "") + digits + out
    }
}
