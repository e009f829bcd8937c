/// A command whose positional argument is a number. ArgumentParser reads `-3` as an option
/// (`Unknown option '-3'`), so when parsing such a command fails on a negative number, the
/// error names the argument and its range instead (``Liaison/exit(reporting:arguments:)``);
/// `validate()` says the same of a number it refuses.
protocol NumberArgument {
    /// The error for `given` where the number goes: what the argument is, its range, `given`.
    static func outOfRange(_ given: String) -> String
}

extension NumberArgument {
    /// The first of `arguments` that is a negative number (`-3`, `-0.5`): a value meant for
    /// the positional argument, as this command has no option spelled with a digit.
    static func negativeNumber(in arguments: [String]) -> String? {
        arguments.first { argument in
            argument.hasPrefix("-") && Double(argument) != nil && argument.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        }
    }
}
