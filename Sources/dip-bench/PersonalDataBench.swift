import DIPCore
import Foundation
import Rules

/// "personal-data-train": what `PersonalDataValues` (names of persons and values of personal data)
/// finds, and so would mask in a withheld item's public texts and warn at the unit's cell, on every
/// title of the training bodies of rules/preseden.csv (held-out and fresh bodies left out, as in
/// classify-train). Each find is printed with its title, for a person to judge: a find that is no
/// person's name or value is a false mask. Never asserts (a figure, not a check).
func personalDataTrainBench() throws {
    guard let split = try corpusSplit("personal-data-train") else { return }
    var titled = 0, tokens = 0
    var byKind: [PersonalDataValues.Kind: Int] = [:]
    for precedent in split.training {
        let title = precedent.title
        let found = PersonalDataValues.find(in: title)
        guard !found.isEmpty else { continue }
        titled += 1
        for m in found {
            byKind[m.kind, default: 0] += 1
            tokens += title[m.range].split(separator: " ").count
        }
        print("  " + found.map { "\($0.kind.rawValue): \"\(title[$0.range])\"" }.joined(separator: "; ") + "  <= \(title)")
    }
    let kinds = PersonalDataValues.Kind.allCases.map { "\($0.rawValue)=\(byKind[$0, default: 0])" }.joined(separator: " ")
    print("personal-data-train: \(split.training.count) titles of \(Set(split.training.map(\.body)).count) training bodies; "
          + "\(titled) with a find (\(kinds)); \(tokens) words would be masked")
}
