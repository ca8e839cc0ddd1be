import DIPCore
import Foundation
import Register

/// Values of personal data (a NIK or KK number, an NPWP, an e-mail address, a telephone or bank
/// account number: `PersonalDataValues`) in the summary or title of an item the DIP publishes
/// whole. Session 23 left such items as the unit wrote them and `dip approve` warns of them; since
/// session 26 the approval over that warning records the items (`ApprovalEvent.openedPersonalData`),
/// and the website prints a value only for an item revision so recorded. Any other — a version
/// approved before the record existed, or a value an older dip did not see — is printed masked: the
/// website is the widest publication, and nothing the PPID did not approve knowingly goes there.
/// Names are left as written here: a bare name cannot be told from a place reliably enough to change
/// the text of public information (session 24), and the approval warns of them.
public enum PublishedWhole {
    /// `version` with the values in its open items' summaries and titles masked, except for the
    /// revisions in `recorded`. The open parts of items exempted in part are masked anyway
    /// (`PublishedList.openPart`). Returns `version` itself when nothing is to be masked (the usual
    /// case: no item is copied).
    public static func masked(_ version: DIPVersion, recorded: Set<ItemRevisionRef>) -> DIPVersion {
        var out = version
        for i in version.items.indices {
            let v = version.items[i]
            guard !recorded.contains(ItemRevisionRef(item: v.id, revision: v.revision)) else { continue }
            let summary = PersonalDataValues.maskedValues(v.item.ringkasan)
            let title = v.item.judul.map(PersonalDataValues.maskedValues)
            if summary != v.item.ringkasan { out.items[i].item.ringkasan = summary }
            if title != v.item.judul { out.items[i].item.judul = title }
        }
        return out
    }
}
