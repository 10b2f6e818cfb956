// Reference signer and verifier for the Kartu Prakerja program API, Go standard library only.
//
//	go run main.go vectors path/to/conformance-vectors.json
//	go run main.go journey          # against a running sandbox, see README.md
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// --- Program request signature (HMAC-SHA1, lower-case hex) ----------------------------------

// RawSignature is client_code + timestamp + METHOD + path + [authorization] + body, no separators.
func RawSignature(clientCode, timestamp, method, path, body, authorization string) string {
	return clientCode + timestamp + strings.ToUpper(method) + path + authorization + body
}

// SignProgram is the lower-case hex HMAC-SHA1 of raw_signature keyed with sign_key.
func SignProgram(signKey, raw string) string {
	mac := hmac.New(sha1.New, []byte(signKey))
	mac.Write([]byte(raw))
	return hex.EncodeToString(mac.Sum(nil))
}

// VerifyProgram is what the program checks: same lower-case hex signature, fresh timestamp.
func VerifyProgram(signKey, raw, timestamp, signature string, now, tolerance int64) bool {
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	fresh := err == nil && abs(now-ts) <= tolerance
	same := subtle.ConstantTimeCompare([]byte(SignProgram(signKey, raw)), []byte(signature)) == 1
	return same && fresh
}

// CompactJSON gives the exact bytes to sign AND send. json.Marshal would escape & < > as \u0026…,
// which is fine only as long as the escaped bytes are the ones sent; here nothing is escaped.
func CompactJSON(data interface{}) string {
	var buffer bytes.Buffer
	encoder := json.NewEncoder(&buffer)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(data); err != nil {
		panic(err)
	}
	return strings.TrimSuffix(buffer.String(), "\n")
}

// --- Standard Webhooks (HMAC-SHA256, base64) ------------------------------------------------

func SignWebhook(secret, id, timestamp, body string) string {
	key, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
	if err != nil {
		panic(err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "." + body))
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// VerifyWebhook is true when the timestamp is fresh and one v1 signature of the header matches.
func VerifyWebhook(secret string, headers map[string]string, body string, now, tolerance int64) bool {
	timestamp := headers["webhook-timestamp"]
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || abs(now-ts) > tolerance {
		return false
	}
	expected := strings.TrimPrefix(SignWebhook(secret, headers["webhook-id"], timestamp, body), "v1,")
	for _, candidate := range strings.Split(headers["webhook-signature"], " ") {
		parts := strings.SplitN(candidate, ",", 2)
		if len(parts) == 2 && parts[0] == "v1" &&
			subtle.ConstantTimeCompare([]byte(parts[1]), []byte(expected)) == 1 {
			return true
		}
	}
	return false
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// --- vectors mode ---------------------------------------------------------------------------

type request struct {
	Method  string            `json:"method"`
	Path    string            `json:"path"`
	Headers map[string]string `json:"headers"`
	Body    string            `json:"body"`
}

type vectorFile struct {
	Program struct {
		Tolerance int64 `json:"timestamp_tolerance_seconds"`
		Vectors   []struct {
			Name               string  `json:"name"`
			Valid              bool    `json:"valid"`
			SignsAuthorization bool    `json:"authorization_in_raw_signature"`
			SignKey            string  `json:"sign_key"`
			Now                int64   `json:"now"`
			Request            request `json:"request"`
			RawSignature       string  `json:"raw_signature"`
			ExpectedSignature  string  `json:"expected_signature"`
		} `json:"vectors"`
	} `json:"program"`
	Events struct {
		Tolerance int64 `json:"timestamp_tolerance_seconds"`
		Vectors   []struct {
			Name              string  `json:"name"`
			Valid             bool    `json:"valid"`
			Secret            string  `json:"secret"`
			Now               int64   `json:"now"`
			Request           request `json:"request"`
			ExpectedSignature string  `json:"expected_signature"`
		} `json:"vectors"`
	} `json:"events"`
}

func checkVectors(file string) int {
	text, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var doc vectorFile
	if err := json.Unmarshal(text, &doc); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	failures := 0
	report := func(name string, problems []string) {
		if len(problems) > 0 {
			failures++
			fmt.Printf("FAIL %s: %s\n", name, strings.Join(problems, "; "))
		} else {
			fmt.Printf("ok   %s\n", name)
		}
	}
	for _, v := range doc.Program.Vectors {
		h := v.Request.Headers
		auth := ""
		if v.SignsAuthorization {
			auth = h["authorization"]
		}
		path := strings.SplitN(v.Request.Path, "?", 2)[0]
		raw := RawSignature(h["client_code"], h["timestamp"], v.Request.Method, path, v.Request.Body, auth)
		var problems []string
		if raw != v.RawSignature {
			problems = append(problems, "raw_signature differs")
		}
		if SignProgram(v.SignKey, raw) != v.ExpectedSignature {
			problems = append(problems, "signature differs from expected_signature")
		}
		if accepted := VerifyProgram(v.SignKey, raw, h["timestamp"], h["signature"], v.Now, doc.Program.Tolerance); accepted != v.Valid {
			problems = append(problems, fmt.Sprintf("verifier says %v, vector says valid=%v", accepted, v.Valid))
		}
		report("program/"+v.Name, problems)
	}
	for _, v := range doc.Events.Vectors {
		h := v.Request.Headers
		var problems []string
		if SignWebhook(v.Secret, h["webhook-id"], h["webhook-timestamp"], v.Request.Body) != v.ExpectedSignature {
			problems = append(problems, "signature differs from expected_signature")
		}
		if accepted := VerifyWebhook(v.Secret, h, v.Request.Body, v.Now, doc.Events.Tolerance); accepted != v.Valid {
			problems = append(problems, fmt.Sprintf("verifier says %v, vector says valid=%v", accepted, v.Valid))
		}
		report("events/"+v.Name, problems)
	}
	fmt.Printf("%d failure(s)\n", failures)
	if failures > 0 {
		return 1
	}
	return 0
}

// --- journey mode: a DP purchase and an LP redeem-code status against the sandbox ---------

type object = map[string]interface{}

type client struct{ code, key string }

func env(name string) string {
	value := os.Getenv(name)
	if value == "" {
		fail("set " + name + " (see README.md)")
	}
	return value
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, message)
	os.Exit(1)
}

// noRedirects: nothing signed is ever sent to another origin.
var httpClient = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func send(method, target, body string, headers map[string]string) (int, interface{}) {
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		fail(err.Error())
	}
	for name, value := range headers {
		// Set the header name as written: client_code keeps its underscore and case.
		req.Header[name] = []string{value}
	}
	res, err := httpClient.Do(req)
	if err != nil {
		fail(method + " " + target + ": " + err.Error())
	}
	defer res.Body.Close()
	text, _ := io.ReadAll(res.Body)
	var decoded interface{}
	_ = json.Unmarshal(text, &decoded)
	return res.StatusCode, decoded
}

// call POSTs a signed program request; exits on anything but HTTP 200 with success true.
func call(base string, c client, path string, data object, authorization string) object {
	body := CompactJSON(data)
	timestamp := strconv.FormatInt(time.Now().Unix(), 10)
	// The portal leaves Authorization out of raw_signature; PRAKERJA_SIGN_AUTHORIZATION=1 puts it
	// in, as the official Go helper does (UNCERTAIN; the sandbox's "terse" profile expects it).
	signedAuthorization := ""
	if os.Getenv("PRAKERJA_SIGN_AUTHORIZATION") == "1" {
		signedAuthorization = authorization
	}
	headers := map[string]string{
		"Content-Type": "application/json",
		"client_code":  c.code,
		"timestamp":    timestamp,
		"signature":    SignProgram(c.key, RawSignature(c.code, timestamp, "POST", path, body, signedAuthorization)),
	}
	if authorization != "" {
		headers["Authorization"] = authorization
	}
	status, reply := send("POST", base+path, body, headers)
	envelope, ok := reply.(object)
	if status != 200 || !ok || envelope["success"] != true {
		fail(fmt.Sprintf("%s: HTTP %d %v", path, status, reply))
	}
	fmt.Printf("%s: %v\n", path, envelope["message"])
	data, _ = envelope["data"].(object)
	return data
}

func journey() int {
	base := strings.TrimSuffix(env("PRAKERJA_BASE_URL"), "/")
	dp := client{env("PRAKERJA_DP_CLIENT_CODE"), env("PRAKERJA_DP_SIGN_KEY")}
	lp := client{env("PRAKERJA_LP_CLIENT_CODE"), env("PRAKERJA_LP_SIGN_KEY")}
	_, raw := send("GET", base+"/__sandbox/fixtures", "", nil)
	fixtures := raw.(object)
	participant := fixtures["participants"].([]interface{})[0].(object)["prakerjaId"].(string)
	schedule := fixtures["schedules"].([]interface{})[0].(object)
	var course object
	for _, each := range fixtures["courses"].([]interface{}) {
		if each.(object)["courseCode"] == schedule["courseCode"] {
			course = each.(object)
		}
	}
	invoice := fmt.Sprintf("INV-GO-%d", time.Now().UnixNano()/1e6)
	api := "/api/v1/integration/payment"

	quota := call(base, dp, api+"/quota-schedule", object{
		"course_code": course["courseCode"], "schedule_code": schedule["scheduleCode"]}, "")
	fmt.Printf("  quota %v\n", quota["quota"])
	otpData := call(base, dp, api+"/send-otp", object{
		"prakerja_id": participant, "user_platform_id": "user-go-1",
		"course_code": course["courseCode"], "amount": course["price"],
		"schedule_code": schedule["scheduleCode"]}, "")
	token, _ := otpData["payment_token"].(string)
	if token == "" {
		token, _ = otpData["token"].(string)
	}
	_, sms := send("GET", base+"/__sandbox/sms/latest?prakerjaId="+url.QueryEscape(participant), "", nil)
	paid := call(base, dp, api+"/authorize", object{
		"otp": sms.(object)["otp"], "invoice_url": "https://dp.example/invoice/" + invoice,
		"invoice_code": invoice}, "Payment "+token)
	transaction := paid["transaction_code"]
	fmt.Printf("  transaction %v\n", transaction)
	fmt.Printf("  status %v\n", call(base, dp, api+"/status", object{"invoice_code": invoice}, "")["status"])
	call(base, dp, api+"/void", object{"invoice_code": invoice, "transaction_code": transaction}, "")
	final := fmt.Sprint(call(base, dp, api+"/status", object{"invoice_code": invoice}, "")["status"])
	fmt.Printf("  status %s\n", final)
	switch strings.ToUpper(final) {
	case "VOID", "VOIDED", "CANCELLED", "CANCELED":
	default:
		fail("expected a voided status after payment/void, got " + final)
	}

	code := fixtures["redeemCodes"].([]interface{})[0].(object)["redeemCode"]
	redeem := call(base, lp, api+"/redeem-code/status", object{"redeem_code": code, "sequence": 1}, "")
	fmt.Printf("  redeem code status %v\n", redeem["status"])
	fmt.Printf("journey complete: invoice %s voided\n", invoice)
	return 0
}

func main() {
	if len(os.Args) >= 3 && os.Args[1] == "vectors" {
		os.Exit(checkVectors(os.Args[2]))
	}
	if len(os.Args) >= 2 && os.Args[1] == "journey" {
		os.Exit(journey())
	}
	fmt.Fprintln(os.Stderr, "usage: go run main.go vectors FILE | journey")
	os.Exit(2)
}
