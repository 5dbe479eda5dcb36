/// Reads the first regular file out of a tar stream, which is what `docker cp CONTAINER:PATH -`
/// writes for a single file.
enum TarReader {
    struct Failure: Error {
        var problem: String
    }

    static func firstFile(in archive: [UInt8]) throws(Failure) -> [UInt8] {
        var offset = 0
        while offset + 512 <= archive.count {
            let header = archive[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }
            guard let size = octal(header.dropFirst(124).prefix(12)) else {
                throw Failure(problem: "a tar header has an unreadable size")
            }
            let type = header[header.startIndex + 156]
            let start = offset + 512
            guard start + size <= archive.count else {
                throw Failure(problem: "the archive ends inside a file")
            }
            // "0" and NUL are regular files; PAX and GNU long-name headers precede the file.
            if type == UInt8(ascii: "0") || type == 0 {
                return Array(archive[start..<(start + size)])
            }
            if type == UInt8(ascii: "5") {
                throw Failure(problem: "it is a directory")
            }
            offset = start + (size + 511) / 512 * 512
        }
        throw Failure(problem: "the archive holds no regular file")
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var seenDigit = false
        for byte in field {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                value = value * 8 + Int(byte - UInt8(ascii: "0"))
                seenDigit = true
            case 0, UInt8(ascii: " "):
                if seenDigit { return value }
            default:
                return nil
            }
        }
        return seenDigit ? value : nil
    }
}
