// Reference signer and verifier for the Kartu Prakerja program API, Java standard library only.
//
//   java PrakerjaReference.java vectors path/to/conformance-vectors.json
//   java PrakerjaReference.java journey          # against a running sandbox, see README.md

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class PrakerjaReference {

    // --- Program request signature (HMAC-SHA1, lower-case hex) ------------------------------

    /** client_code + timestamp + METHOD + path + [authorization] + body, no separators. */
    static String rawSignature(String clientCode, String timestamp, String method, String path,
            String body, String authorization) {
        return clientCode + timestamp + method.toUpperCase() + path + authorization + body;
    }

    /** Lower-case hex HMAC-SHA1 of raw_signature keyed with sign_key (UTF-8 bytes). */
    static String signProgram(String signKey, String raw) {
        StringBuilder hex = new StringBuilder();
        for (byte b : hmac("HmacSHA1", signKey.getBytes(StandardCharsets.UTF_8), raw)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    /** What the program checks: same lower-case hex signature, timestamp within tolerance. */
    static boolean verifyProgram(String signKey, String raw, String timestamp, String signature,
            long now, long tolerance) {
        boolean fresh = timestamp.matches("\\d{1,12}") && Math.abs(now - Long.parseLong(timestamp)) <= tolerance;
        boolean same = MessageDigest.isEqual(signProgram(signKey, raw).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
        return same && fresh;
    }

    static byte[] hmac(String algorithm, byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // --- Standard Webhooks (HMAC-SHA256, base64) --------------------------------------------

    static String signWebhook(String secret, String id, String timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        return "v1," + Base64.getEncoder().encodeToString(hmac("HmacSHA256", key, id + "." + timestamp + "." + body));
    }

    /** True when the timestamp is fresh and one v1 signature of the header matches. */
    static boolean verifyWebhook(String secret, Map<String, Object> headers, String body, long now, long tolerance) {
        String timestamp = (String) headers.getOrDefault("webhook-timestamp", "");
        if (!timestamp.matches("\\d{1,12}") || Math.abs(now - Long.parseLong(timestamp)) > tolerance) {
            return false;
        }
        String id = (String) headers.getOrDefault("webhook-id", "");
        byte[] expected = signWebhook(secret, id, timestamp, body).substring(3).getBytes(StandardCharsets.UTF_8);
        for (String candidate : ((String) headers.getOrDefault("webhook-signature", "")).split(" ")) {
            String[] parts = candidate.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(parts[1].getBytes(StandardCharsets.UTF_8), expected)) {
                return true;
            }
        }
        return false;
    }

    // --- vectors mode -----------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static int checkVectors(String file) throws Exception {
        Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(Path.of(file)));
        int failures = 0;

        Map<String, Object> program = (Map<String, Object>) doc.get("program");
        long tolerance = ((Number) program.get("timestamp_tolerance_seconds")).longValue();
        for (Object each : (List<Object>) program.get("vectors")) {
            Map<String, Object> v = (Map<String, Object>) each;
            Map<String, Object> req = (Map<String, Object>) v.get("request");
            Map<String, Object> h = (Map<String, Object>) req.get("headers");
            String auth = Boolean.TRUE.equals(v.get("authorization_in_raw_signature"))
                    ? (String) h.getOrDefault("authorization", "") : "";
            String path = ((String) req.get("path")).split("\\?", 2)[0];
            String raw = rawSignature((String) h.get("client_code"), (String) h.get("timestamp"),
                    (String) req.get("method"), path, (String) req.get("body"), auth);
            List<String> problems = new ArrayList<>();
            if (!raw.equals(v.get("raw_signature"))) problems.add("raw_signature differs");
            if (!signProgram((String) v.get("sign_key"), raw).equals(v.get("expected_signature"))) {
                problems.add("signature differs from expected_signature");
            }
            boolean accepted = verifyProgram((String) v.get("sign_key"), raw, (String) h.get("timestamp"),
                    (String) h.get("signature"), ((Number) v.get("now")).longValue(), tolerance);
            if (accepted != (Boolean) v.get("valid")) {
                problems.add("verifier says " + accepted + ", vector says valid=" + v.get("valid"));
            }
            failures += report("program/" + v.get("name"), problems);
        }

        Map<String, Object> events = (Map<String, Object>) doc.get("events");
        tolerance = ((Number) events.get("timestamp_tolerance_seconds")).longValue();
        for (Object each : (List<Object>) events.get("vectors")) {
            Map<String, Object> v = (Map<String, Object>) each;
            Map<String, Object> req = (Map<String, Object>) v.get("request");
            Map<String, Object> h = (Map<String, Object>) req.get("headers");
            String body = (String) req.get("body");
            String secret = (String) v.get("secret");
            List<String> problems = new ArrayList<>();
            String signed = signWebhook(secret, (String) h.get("webhook-id"), (String) h.get("webhook-timestamp"), body);
            if (!signed.equals(v.get("expected_signature"))) problems.add("signature differs from expected_signature");
            boolean accepted = verifyWebhook(secret, h, body, ((Number) v.get("now")).longValue(), tolerance);
            if (accepted != (Boolean) v.get("valid")) {
                problems.add("verifier says " + accepted + ", vector says valid=" + v.get("valid"));
            }
            failures += report("events/" + v.get("name"), problems);
        }
        System.out.println(failures + " failure(s)");
        return failures > 0 ? 1 : 0;
    }

    static int report(String name, List<String> problems) {
        if (problems.isEmpty()) {
            System.out.println("ok   " + name);
            return 0;
        }
        System.out.println("FAIL " + name + ": " + String.join("; ", problems));
        return 1;
    }

    // --- journey mode: a DP purchase and an LP redeem-code status against the sandbox -------

    // Redirects are never followed: nothing signed is ever sent to another origin.
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isEmpty()) fail("set " + name + " (see README.md)");
        return value;
    }

    static void fail(String message) {
        System.err.println(message);
        System.exit(1);
    }

    static Object get(String url) throws Exception {
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(res.body());
    }

    /** POST a signed program request; exits on anything but HTTP 200 with success true. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> call(String base, String[] client, String path, Map<String, Object> data,
            String authorization) throws Exception {
        String body = Json.write(data); // the exact bytes that are signed AND sent
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        // The portal leaves Authorization out of raw_signature; PRAKERJA_SIGN_AUTHORIZATION=1 puts
        // it in, as the official Go helper does (UNCERTAIN; the sandbox's "terse" profile expects it).
        String signedAuthorization = authorization != null && "1".equals(System.getenv("PRAKERJA_SIGN_AUTHORIZATION"))
                ? authorization : "";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("client_code", client[0])
                .header("timestamp", timestamp)
                .header("signature", signProgram(client[1], rawSignature(client[0], timestamp, "POST", path, body, signedAuthorization)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) request.header("Authorization", authorization);
        HttpResponse<String> res = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Object reply = Json.parse(res.body());
        if (res.statusCode() != 200 || !(reply instanceof Map) || !Boolean.TRUE.equals(((Map<String, Object>) reply).get("success"))) {
            fail(path + ": HTTP " + res.statusCode() + " " + res.body());
        }
        Map<String, Object> envelope = (Map<String, Object>) reply;
        System.out.println(path + ": " + envelope.get("message"));
        Object out = envelope.get("data");
        return out instanceof Map ? (Map<String, Object>) out : new LinkedHashMap<>();
    }

    static Map<String, Object> obj(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    @SuppressWarnings("unchecked")
    static int journey() throws Exception {
        String base = env("PRAKERJA_BASE_URL").replaceAll("/+$", "");
        String[] dp = {env("PRAKERJA_DP_CLIENT_CODE"), env("PRAKERJA_DP_SIGN_KEY")};
        String[] lp = {env("PRAKERJA_LP_CLIENT_CODE"), env("PRAKERJA_LP_SIGN_KEY")};
        Map<String, Object> fixtures = (Map<String, Object>) get(base + "/__sandbox/fixtures");
        String participant = (String) ((Map<String, Object>) ((List<Object>) fixtures.get("participants")).get(0)).get("prakerjaId");
        Map<String, Object> schedule = (Map<String, Object>) ((List<Object>) fixtures.get("schedules")).get(0);
        Map<String, Object> course = null;
        for (Object each : (List<Object>) fixtures.get("courses")) {
            if (((Map<String, Object>) each).get("courseCode").equals(schedule.get("courseCode"))) {
                course = (Map<String, Object>) each;
            }
        }
        String invoice = "INV-JAVA-" + System.currentTimeMillis();
        String api = "/api/v1/integration/payment";

        Map<String, Object> quota = call(base, dp, api + "/quota-schedule",
                obj("course_code", course.get("courseCode"), "schedule_code", schedule.get("scheduleCode")), null);
        System.out.println("  quota " + quota.get("quota"));
        Map<String, Object> otpData = call(base, dp, api + "/send-otp", obj(
                "prakerja_id", participant, "user_platform_id", "user-java-1",
                "course_code", course.get("courseCode"), "amount", course.get("price"),
                "schedule_code", schedule.get("scheduleCode")), null);
        Object token = otpData.containsKey("payment_token") ? otpData.get("payment_token") : otpData.get("token");
        Map<String, Object> sms = (Map<String, Object>) get(base + "/__sandbox/sms/latest?prakerjaId="
                + URLEncoder.encode(participant, StandardCharsets.UTF_8));
        Map<String, Object> paid = call(base, dp, api + "/authorize", obj(
                "otp", sms.get("otp"), "invoice_url", "https://dp.example/invoice/" + invoice,
                "invoice_code", invoice), "Payment " + token);
        Object transaction = paid.get("transaction_code");
        System.out.println("  transaction " + transaction);
        System.out.println("  status " + call(base, dp, api + "/status", obj("invoice_code", invoice), null).get("status"));
        call(base, dp, api + "/void", obj("invoice_code", invoice, "transaction_code", transaction), null);
        String fin = String.valueOf(call(base, dp, api + "/status", obj("invoice_code", invoice), null).get("status"));
        System.out.println("  status " + fin);
        if (!List.of("VOID", "VOIDED", "CANCELLED", "CANCELED").contains(fin.toUpperCase())) {
            fail("expected a voided status after payment/void, got " + fin);
        }

        Object code = ((Map<String, Object>) ((List<Object>) fixtures.get("redeemCodes")).get(0)).get("redeemCode");
        Map<String, Object> redeem = call(base, lp, api + "/redeem-code/status", obj("redeem_code", code, "sequence", 1), null);
        System.out.println("  redeem code status " + redeem.get("status"));
        System.out.println("journey complete: invoice " + invoice + " voided");
        return 0;
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("vectors")) System.exit(checkVectors(args[1]));
        if (args.length >= 1 && args[0].equals("journey")) System.exit(journey());
        System.err.println("usage: java PrakerjaReference.java vectors FILE | journey");
        System.exit(2);
    }

    /** A minimal JSON reader and compact writer: the JDK has none. Not a general-purpose library. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) { this.s = s; }

        static Object parse(String text) {
            Json json = new Json(text);
            Object value = json.value();
            json.space();
            if (json.i != text.length()) throw new IllegalArgumentException("trailing data at " + json.i);
            return value;
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
        }

        private Object value() {
            space();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                space();
                if (s.charAt(i) == '}') { i++; return map; }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    map.put(key, value());
                    space();
                    if (s.charAt(i++) == '}') return map;
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                space();
                if (s.charAt(i) == ']') { i++; return list; }
                while (true) {
                    list.add(value());
                    space();
                    if (s.charAt(i++) == ']') return list;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String number = s.substring(start, i);
            if (number.matches("-?\\d+")) return Long.parseLong(number);
            return Double.parseDouble(number);
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) throw new IllegalArgumentException("expected " + c + " at " + (i - 1));
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return out.toString();
                if (c != '\\') { out.append(c); continue; }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 't': out.append('\t'); break;
                    case 'r': out.append('\r'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u': out.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: out.append(e); // \" \\ \/
                }
            }
        }

        /** Compact JSON; slashes and non-ASCII text are written as is: the bytes to sign and send. */
        static String write(Object value) {
            if (value == null) return "null";
            if (value instanceof String) {
                StringBuilder out = new StringBuilder("\"");
                for (char c : ((String) value).toCharArray()) {
                    if (c == '"' || c == '\\') out.append('\\').append(c);
                    else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
                return out.append('"').toString();
            }
            if (value instanceof Map) {
                List<String> parts = new ArrayList<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    parts.add(write(entry.getKey()) + ":" + write(entry.getValue()));
                }
                return "{" + String.join(",", parts) + "}";
            }
            if (value instanceof List) {
                List<String> parts = new ArrayList<>();
                for (Object each : (List<?>) value) parts.add(write(each));
                return "[" + String.join(",", parts) + "]";
            }
            return String.valueOf(value); // Long, Integer, Boolean
        }
    }
}
