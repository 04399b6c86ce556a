import GraphRendering
import Testing

@Suite struct GraphvizRendererTests {
  @Test func rendersSVGInProcess() async throws {
    let renderer = GraphvizRenderer()
    let svg = String(
      decoding: try await renderer.render(dot: "graph G { a -- b; b -- c; }", engine: .neato), as: UTF8.self)
    #expect(svg.contains("<svg"))
    #expect(svg.contains("<title>a</title>"))
    #expect(svg.contains("<title>b&#45;&#45;c</title>"))
  }

  @Test func sameInputSameBytes() async throws {
    let renderer = GraphvizRenderer()
    let dot = "graph G { " + (0..<30).map { "n\($0) -- n\(($0 * 7 + 3) % 30);" }.joined(separator: " ") + " }"
    let first = try await renderer.render(dot: dot, engine: .sfdp)
    let second = try await renderer.render(dot: dot, engine: .sfdp)
    #expect(first == second)
  }

  @Test func errorsAreSwiftValues() async {
    let renderer = GraphvizRenderer()
    await #expect(throws: RenderError.self) { try await renderer.render(dot: "graph { a -- ", engine: .dot) }
  }

  @Test func graphvizMessagesBecomeTheErrorText() {
    do {
      _ = try GraphvizRenderer().renderSynchronously(dot: "graph { a -- ", engine: .dot)
      Issue.record("a syntax error must throw")
    } catch {
      guard case .parseFailed(let message) = error else {
        Issue.record("expected parseFailed, got \(error)")
        return
      }
      #expect(message.contains("syntax error"), "Graphviz's own message is carried: \(message)")
    }
  }

  @Test func pngAndPDFWhereCairoIsPresent() throws {
    guard GraphvizRenderer.supports(format: .png) else { return }
    let png = try GraphvizRenderer().renderSynchronously(dot: "graph { a -- b }", engine: .neato, format: .png)
    #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    let pdf = try GraphvizRenderer().renderSynchronously(dot: "graph { a -- b }", engine: .neato, format: .pdf)
    #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
  }
}
