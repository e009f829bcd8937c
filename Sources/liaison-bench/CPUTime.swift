import Foundation

/// CPU time besides a node's (``NodeProcess/cpuSeconds(of:)``): the benchmark's own, and the
/// whole machine's, so that a figure shows how much of the machine the client itself took.
enum CPUTime {
    /// CPU time (user + system) this process has used so far, in seconds.
    static func ofThisProcess() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return seconds(of: usage)
    }

    /// The CPU time (user + system) in `usage`, in seconds.
    static func seconds(of usage: rusage) -> Double {
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU time every core of the machine has spent busy (not idle, not waiting for the disk)
    /// and in all since boot, in seconds, from `/proc/stat`; zeros where it cannot be read.
    static func ofMachine() -> (busy: Double, all: Double) {
        let stat = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? ""
        // "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks.
        let ticks = (stat.split(separator: "\n").first ?? "").split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 5 else { return (0, 0) }
        let perSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        let all = ticks.prefix(8).reduce(0, +)
        return ((all - ticks[3] - ticks[4]) / perSecond, all / perSecond)
    }
}
