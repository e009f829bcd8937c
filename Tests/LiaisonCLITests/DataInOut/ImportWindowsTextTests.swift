import Foundation
import TestProcesses
import Testing

/// A file that is neither UTF-8 nor UTF-16 is read as Windows-1252 (Excel's plain "CSV"), and
/// every byte but a zero has a meaning there: an image without zero bytes imported as rows of
/// garbage. Bytes no Windows text holds are refused, naming the file and where.
@Suite(.offThePool) struct ImportWindowsTextTests {
    @Test func aWindowsSheetImportsWithItsAccentsQuotesAndEuros() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        let file = cli.directory.appendingPathComponent("deals.csv")
        // "Café Müller’s €2m fab": é, ü, ’ and € as Windows-1252 writes them.
        let title: [UInt8] =
            Array("Caf".utf8) + [0xE9] + Array(" M".utf8) + [0xFC] + Array("ller".utf8) + [0x92] + Array("s ".utf8) + [0x80]
            + Array("2m fab".utf8)
        try Data(Array("title,type,tracks\r\n".utf8) + title + Array(",investment,semiconductors\r\n".utf8)).write(to: file)
        try cli.ok("--data", "node", "import", file.path)
        #expect(try cli.ok("--data", "node", "record", "list").contains("Café Müller’s €2m fab"))
    }

    @Test func aBinaryFileWithoutZeroBytesIsRefusedNamingItAndTheByte() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.ok("--data", "node", "init", "--office", "mumbai")
        // The start of a GIF image: its header, then its width and height, 800 × 600.
        let image = cli.directory.appendingPathComponent("logo.gif")
        try Data(Array("GIF89a".utf8) + [0x20, 0x03, 0x58, 0x02, 0xF7, 0x1F, 0x05]).write(to: image)
        // Windows text but for one byte Windows-1252 leaves undefined.
        let undefined = cli.directory.appendingPathComponent("deals.csv")
        try Data(Array("title,type,tracks\nCaf".utf8) + [0xE9, 0x81] + Array(",investment,ipef\n".utf8)).write(to: undefined)
        for (file, byte) in [(image, "byte 8 is 0x03"), (undefined, "byte 23 is 0x81")] {
            let refused = try cli.run(["--data", "node", "import", file.path])
            #expect(refused.code == 1)
            #expect(
                refused.err
                    == "error: \(file.path): not a text file (\(byte), which no Windows text holds); save it again as \"CSV UTF-8\" or \"Unicode Text\"\n",
                "\(refused.err)"
            )
        }
        #expect(try ImportTests.count(cli) == 0, "nothing was imported")
    }
}
