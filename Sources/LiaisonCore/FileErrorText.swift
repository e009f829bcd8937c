import Foundation

/// What went wrong with a file, as the system says it (`No such file or directory`, `No space
/// left on device`) rather than as Foundation's error object (`Error Domain=NSCocoaErrorDomain
/// Code=4 ...`), for one-line errors that name the file beside it.
public enum FileErrorText {
    /// The reason `error`, thrown by a file operation, gives.
    public static func reason(_ error: any Error) -> String {
        let code: Int32? =
            switch (error as? CocoaError)?.code {
            case .fileNoSuchFile?, .fileReadNoSuchFile?: ENOENT
            case .fileWriteNoPermission?, .fileReadNoPermission?: EACCES
            case .fileWriteOutOfSpace?: ENOSPC
            case .fileWriteFileExists?: EEXIST
            default:
                ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? Int32($0.code) : nil }
            }
        return code.map { String(cString: strerror($0)) } ?? (error as NSError).localizedDescription
    }
}
