import Foundation
import Rules

/// "rules-load": what making the rules costs a run that takes files in (issue 19): the built-in
/// rule set loaded on one and on two threads, and the classifier with 200 of the PPID's own
/// decisions (index and learned layer built anew), each the best and the median of 9 rounds,
/// wall and this process's CPU (user+sys) for the round. Concurrency lowers the wall, not the
/// CPU.
func rulesLoadBench() throws {
    let files = DefaultRules.files.filter { RuleSet.fileNames.contains($0.name) || RuleSet.optionalFileNames.contains($0.name) }
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    func rounds(_ name: String, _ body: () throws -> Void) rethrows {
        var walls: [Double] = [], cpus: [Double] = []
        for _ in 0..<9 {
            let cpu = cpuSeconds()
            walls.append(try measureSeconds(body))
            cpus.append(cpuSeconds() - cpu)
        }
        walls.sort(); cpus.sort()
        report("rules-load \(name) wall best", walls[0] * 1000, "ms")
        report("rules-load \(name) wall median", walls[4] * 1000, "ms")
        report("rules-load \(name) CPU median", cpus[4] * 1000, "ms")
    }
    for threads in [1, 2] {
        try rounds("rule set, \(threads) thread(s)") { _ = try RuleSet.load(files: files, threads: threads) }
    }
    let set = try RuleSet.load(files: files)
    let decisions = set.precedents.prefix(200).map {
        Precedent(title: $0.title, category: $0.category, grounds: $0.grounds, body: "PPID", source: "register", origin: .ppid)
    }
    for threads in [1, 2] {
        rounds("classifier + 200 PPID decisions, \(threads) thread(s)") {
            _ = Classifier(ruleSet: set, ppidDecisions: Array(decisions), threads: threads)
        }
    }
}
