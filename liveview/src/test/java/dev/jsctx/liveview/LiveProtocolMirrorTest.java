package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The browser client's constants.js must say exactly what LiveProtocol says. */
class LiveProtocolMirrorTest {

    private static final Pattern EXPORT = Pattern.compile("^export const (\\w+) = (.+);$", Pattern.MULTILINE);

    @Test
    void constantsJsMirrorsLiveProtocol() throws IllegalAccessException {
        Map<String, String> java = new LinkedHashMap<>();
        for (Field field : LiveProtocol.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                Object value = field.get(null);
                java.put(field.getName(), value instanceof String text ? "\"" + text + "\"" : String.valueOf(value));
            }
        }
        Map<String, String> js = new LinkedHashMap<>();
        String source = new String(ClientScripts.read("constants.js"), StandardCharsets.UTF_8);
        Matcher matcher = EXPORT.matcher(source);
        while (matcher.find()) {
            js.put(matcher.group(1), matcher.group(2));
        }
        assertEquals(java, js);
    }
}
