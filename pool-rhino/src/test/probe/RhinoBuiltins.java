import org.mozilla.javascript.*;

/** Times Java built-ins of Rhino that a time limit cannot stop: no instruction-observer call happens inside them. */
public class RhinoBuiltins {
    public static void main(String[] args) {
        Context cx = Context.enter();
        cx.setInterpretedMode(true);
        cx.setLanguageVersion(Context.VERSION_ECMASCRIPT);
        Scriptable scope = cx.initSafeStandardObjects();
        cx.evaluateString(scope, "var a = []; for (var i = 0; i < 1e6; i++) a.push('k' + ((i * 7919) % 1000003));"
                + " var s = JSON.stringify(a); var big = 'x'.repeat(1 << 20);", "setup", 1, null);
        String[] cases = {"a.slice().sort()", "JSON.parse(s).length", "a.join(',').length", "big.repeat(256).length",
                "a.slice().reverse().length", "s.split(',').length"};
        for (String c : cases) {
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                cx.evaluateString(scope, c, "case", 1, null);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (run == 2) System.out.println(c + ": " + ms + " ms");
            }
        }
    }
}
