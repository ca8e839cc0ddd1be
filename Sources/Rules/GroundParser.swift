/// Reads the Pasal 17 grounds a unit wrote itself ("Pasal 17 huruf h angka 2", "Pasal 17 huruf
/// h dan j", "17h2", "UU 24/2013") into codes such as "17h2".
enum GroundParser {
    static let letters = Set("abcdefghij".map(String.init))

    /// Codes found in `text`, keeping only those `known` accepts (a sub-point the rules do not
    /// define falls back to its letter).
    static func grounds(in text: String, known: (String) -> Bool) -> [String] {
        let words = TextNormalizer.tokens(text)
        var found: [String] = []
        func add(_ code: String) {
            let accepted = known(code) ? code : (known(String(code.prefix(3))) ? String(code.prefix(3)) : nil)
            if let accepted, !found.contains(accepted) { found.append(accepted) }
        }
        var index = 0
        while index < words.count {
            let word = words[index]
            // Compact "17h2" / "17h".
            if word.count >= 3, word.hasPrefix("17"), letters.contains(String(word.dropFirst(2).prefix(1))) {
                let rest = word.dropFirst(3)
                if rest.isEmpty || Int(rest) != nil { add(String(word)) }
            }
            if word == "17" {
                // "17 huruf h angka 2 dan huruf j", "17 h 2", "17 ayat 1 huruf b".
                var letter: String?
                var cursor = index + 1
                while cursor < words.count {
                    let next = words[cursor]
                    if next == "huruf" || next == "dan" || next == "atau" || next == "serta" {
                        cursor += 1
                        continue
                    }
                    if next == "ayat", cursor + 1 < words.count, Int(words[cursor + 1]) != nil {
                        cursor += 2
                        continue
                    }
                    if letters.contains(next) {
                        if let letter { add("17" + letter) }
                        letter = next
                        cursor += 1
                        continue
                    }
                    if next == "angka", cursor + 1 < words.count, let number = Int(words[cursor + 1]), let current = letter {
                        add("17\(current)\(number)")
                        letter = nil
                        cursor += 2
                        continue
                    }
                    if let number = Int(next), let current = letter, number < 10 {
                        add("17\(current)\(number)")
                        letter = nil
                        cursor += 1
                        continue
                    }
                    break
                }
                if let letter { add("17" + letter) }
                index = cursor
                continue
            }
            // Sectoral laws closing information (Pasal 17 huruf j).
            if index + 1 < words.count {
                let pair = (word, words[index + 1])
                let third = index + 2 < words.count ? words[index + 2] : ""
                if pair == ("24", "2013") || (pair == ("24", "tahun") && third == "2013")
                    || pair == ("23", "2006") || (pair == ("23", "tahun") && third == "2006") { add("17j1") }
                if pair == ("27", "2022") || (pair == ("27", "tahun") && third == "2022") { add("17j2") }
            }
            index += 1
        }
        return found
    }
}
