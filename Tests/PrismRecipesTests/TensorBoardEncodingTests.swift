import Foundation
@testable import PrismRecipes
import Testing

/// CRC32C, the protobuf encoding of events and TFRecord framing, byte for byte.
@Suite struct TensorBoardEncodingTests {
    @Test func crc32cKnownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum(Array(0..<32)) == 0x46DD_794E)
    }

    @Test func maskedCRCRotatesAndAddsTheConstant() {
        let crc: UInt32 = 0xE306_9283
        #expect(CRC32C.masked(Array("123456789".utf8)) == ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8)
        #expect(CRC32C.masked([UInt8]()) == 0xA282_EAD8)
    }

    @Test func fileVersionEventBytes() {
        let bytes = TensorBoardEvent.fileVersion(wallTime: 1.5).encoded
        let wallTime: [UInt8] = [0, 0, 0, 0, 0, 0, 0xF8, 0x3F]
        #expect(bytes == [0x09] + wallTime + [0x1A, 13] + Array("brain.Event:2".utf8))
    }

    @Test func scalarEventBytes() {
        let bytes = TensorBoardEvent.scalars(wallTime: 0, step: 300, values: [("a", 1), ("bc", -2)]).encoded
        let value1: [UInt8] = [0x0A, 1, 0x61, 0x15, 0, 0, 0x80, 0x3F]
        let value2: [UInt8] = [0x0A, 2, 0x62, 0x63, 0x15, 0, 0, 0, 0xC0]
        let summary: [UInt8] = [0x0A, UInt8(value1.count)] + value1 + [0x0A, UInt8(value2.count)] + value2
        #expect(bytes == [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0xAC, 0x02, 0x2A, UInt8(summary.count)] + summary)
    }

    @Test func sessionStartEventBytes() {
        #expect(TensorBoardEvent.sessionStart(wallTime: 0, step: 7).encoded
                == [0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 7, 0x3A, 2, 0x08, 1])
    }

    @Test func tfRecordFraming() {
        let data = Array("hello".utf8)
        let record = TFRecord.frame(data)
        #expect(record.count == 8 + 4 + data.count + 4)
        #expect(Array(record[0..<8]) == [5, 0, 0, 0, 0, 0, 0, 0])
        #expect(littleEndian32(record[8..<12]) == CRC32C.masked(record[0..<8]))
        #expect(Array(record[12..<17]) == data)
        #expect(littleEndian32(record[17..<21]) == CRC32C.masked(data))
    }

    @Test func eventFileStartsWithFileVersionAndGetsAFreshName() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try EventFileWriter(directory: directory, wallTime: 1_700_000_000.25, hostName: "box")
        try first.write(.scalars(wallTime: 1_700_000_001, step: 1, values: [("loss", 0.5)]))
        first.close()
        #expect(first.url.lastPathComponent == "events.out.tfevents.1700000000.box")
        let second = try EventFileWriter(directory: directory, wallTime: 1_700_000_000.5, hostName: "box")
        second.close()
        #expect(second.url.lastPathComponent == "events.out.tfevents.1700000000.box.1")
        let records = try readRecords(first.url)
        #expect(records == [TensorBoardEvent.fileVersion(wallTime: 1_700_000_000.25).encoded,
                            TensorBoardEvent.scalars(wallTime: 1_700_000_001, step: 1, values: [("loss", 0.5)]).encoded])
    }
}

func littleEndian32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) }
}

/// The payloads of a TFRecord file, checking both CRCs of every record.
func readRecords(_ url: URL) throws -> [[UInt8]] {
    let bytes = [UInt8](try Data(contentsOf: url))
    var records: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
        let length = Int(bytes[offset..<(offset + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        #expect(littleEndian32(bytes[(offset + 8)..<(offset + 12)]) == CRC32C.masked(bytes[offset..<(offset + 8)]))
        let data = Array(bytes[(offset + 12)..<(offset + 12 + length)])
        #expect(littleEndian32(bytes[(offset + 12 + length)..<(offset + 16 + length)]) == CRC32C.masked(data))
        records.append(data)
        offset += 16 + length
    }
    return records
}
