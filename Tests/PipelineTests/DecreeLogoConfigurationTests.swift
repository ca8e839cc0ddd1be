import Foundation
import Publish
import TestSupport
import XCTest
@testable import Pipeline

/// The run loads the kop logo named in rules/keputusan.json; one that cannot be read leaves the
/// decrees without a logo instead of stopping the run (`dip rules check` reports it).
final class DecreeLogoConfigurationTests: XCTestCase {
    func testConfigurationLoadsTheLogoOrGoesOnWithout() throws {
        let workspace = Workspace(root: try Scratch.directory("dip-logo"))
        _ = try WorkspaceSetup.initialise(workspace)
        let url = workspace.rules.appendingPathComponent("keputusan.json")
        let data = try (try? Data(contentsOf: url)) ?? JSONEncoder().encode(DecreeSettings.kabupatenSerang)
        var json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["contact"] = ["address": "Jalan Veteran No. 1, Serang", "logo": "logo.png"]
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)

        XCTAssertNil(try Configuration.load(workspace).decreeLogo, "missing file: no logo, no failure")
        try Data(TestImages.png(width: 12, height: 16)).write(to: workspace.rules.appendingPathComponent("logo.png"))
        let logo = try XCTUnwrap(try Configuration.load(workspace).decreeLogo)
        XCTAssertEqual([logo.pixelWidth, logo.pixelHeight], [12, 16])
    }
}
