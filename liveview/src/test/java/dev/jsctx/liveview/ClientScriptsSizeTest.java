package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The browser client stays small: every file as served, gzipped on its own, summed, at most 12 KB. */
class ClientScriptsSizeTest {

    private static final int MAX_GZIPPED_BYTES = 12 * 1024;

    @Test
    void allClientFilesGzippedFitInTwelveKilobytes() {
        ClientScripts scripts = ClientScripts.load();
        System.out.printf(
                "client: %d files, %d bytes, %d gzipped%n",
                ClientScripts.FILES.size(), scripts.identityBytes(), scripts.gzippedBytes());
        assertTrue(
                scripts.gzippedBytes() <= MAX_GZIPPED_BYTES,
                "the client is " + scripts.gzippedBytes() + " bytes gzipped, over " + MAX_GZIPPED_BYTES);
    }

    @Test
    void servedFilesLeaveOutCommentLinesAndKeepEveryLineOfCode() {
        String source = """
                // a file comment
                import { A } from "./a.js";

                /**
                 * A doc comment.
                 */
                export function f(x) { // a trailing comment stays with its code
                  /* one line */
                  const url = `${x}//${A}`;
                  return url;
                }
                """;
        assertEquals("""
                import { A } from "./a.js";
                export function f(x) { // a trailing comment stays with its code
                  const url = `${x}//${A}`;
                  return url;
                }
                """, ClientScripts.withoutCommentLines(source));
    }
}
