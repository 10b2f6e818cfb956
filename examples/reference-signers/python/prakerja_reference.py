#!/usr/bin/env python3
"""Reference signer and verifier for the Kartu Prakerja program API, standard library only.

    python3 prakerja_reference.py vectors path/to/conformance-vectors.json
    python3 prakerja_reference.py journey          # against a running sandbox, see README.md
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request


# --- Program request signature (HMAC-SHA1, lower-case hex) -----------------------------------

def raw_signature(client_code, timestamp, method, path, body, authorization=""):
    """client_code + timestamp + METHOD + path + [authorization] + body, no separators."""
    return f"{client_code}{timestamp}{method.upper()}{path}{authorization}{body}"


def sign_program(sign_key, raw):
    """Lower-case hex HMAC-SHA1 of raw_signature keyed with sign_key (UTF-8 bytes)."""
    return hmac.new(sign_key.encode("utf-8"), raw.encode("utf-8"), hashlib.sha1).hexdigest()


def verify_program(sign_key, raw, timestamp, signature, now, tolerance):
    """What the program checks: same lower-case hex signature, timestamp within tolerance."""
    fresh = abs(now - int(timestamp)) <= tolerance
    return hmac.compare_digest(sign_program(sign_key, raw), signature) and fresh


def compact_json(data):
    """The exact bytes to sign AND send: compact, no \\u or \\/ escaping."""
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


# --- Standard Webhooks (HMAC-SHA256, base64) --------------------------------------------------

def webhook_key(secret):
    return base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)


def sign_webhook(secret, msg_id, timestamp, body):
    content = f"{msg_id}.{timestamp}.{body}".encode("utf-8")
    digest = hmac.new(webhook_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def verify_webhook(secret, headers, body, now, tolerance):
    """True when the timestamp is fresh and one v1 signature of the header matches."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > tolerance:
        return False
    expected = sign_webhook(secret, msg_id, timestamp, body).split(",", 1)[1]
    for candidate in headers.get("webhook-signature", "").split(" "):
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected.encode()):
            return True
    return False


# --- vectors mode ----------------------------------------------------------------------------

def check_vectors(file):
    with open(file, encoding="utf-8") as handle:
        doc = json.load(handle)
    failures = 0

    def report(name, problems):
        nonlocal failures
        if problems:
            failures += 1
            print(f"FAIL {name}: {'; '.join(problems)}")
        else:
            print(f"ok   {name}")

    tolerance = doc["program"]["timestamp_tolerance_seconds"]
    for v in doc["program"]["vectors"]:
        req, h = v["request"], v["request"]["headers"]
        auth = h.get("authorization", "") if v.get("authorization_in_raw_signature") else ""
        raw = raw_signature(h["client_code"], h["timestamp"], req["method"],
                            req["path"].split("?")[0], req["body"], auth)
        problems = []
        if raw != v["raw_signature"]:
            problems.append("raw_signature differs")
        if sign_program(v["sign_key"], raw) != v["expected_signature"]:
            problems.append("signature differs from expected_signature")
        accepted = verify_program(v["sign_key"], raw, h["timestamp"], h["signature"], v["now"], tolerance)
        if accepted != v["valid"]:
            problems.append(f"verifier says {accepted}, vector says valid={v['valid']}")
        report("program/" + v["name"], problems)

    tolerance = doc["events"]["timestamp_tolerance_seconds"]
    for v in doc["events"]["vectors"]:
        h, body = v["request"]["headers"], v["request"]["body"]
        problems = []
        if sign_webhook(v["secret"], h["webhook-id"], h["webhook-timestamp"], body) != v["expected_signature"]:
            problems.append("signature differs from expected_signature")
        accepted = verify_webhook(v["secret"], h, body, v["now"], tolerance)
        if accepted != v["valid"]:
            problems.append(f"verifier says {accepted}, vector says valid={v['valid']}")
        report("events/" + v["name"], problems)

    print(f"{failures} failure(s)")
    return 1 if failures else 0


# --- journey mode: a DP purchase and an LP redeem-code status against the sandbox ----------

def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"set {name} (see README.md)")
    return value


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=None if body is None else body.encode("utf-8"),
                                     method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


SIGN_AUTHORIZATION = os.environ.get("PRAKERJA_SIGN_AUTHORIZATION") == "1"


def call(base, client_code, sign_key, path, data, authorization=None):
    """POST a signed program request; exits on anything but HTTP 200 with success true."""
    body = compact_json(data)
    timestamp = str(int(time.time()))
    # The portal leaves Authorization out of raw_signature; PRAKERJA_SIGN_AUTHORIZATION=1 puts it
    # in, as the official Go helper does (UNCERTAIN; the sandbox's "terse" profile expects it).
    signed_authorization = authorization if authorization and SIGN_AUTHORIZATION else ""
    raw = raw_signature(client_code, timestamp, "POST", path, body, signed_authorization)
    signature = sign_program(sign_key, raw)
    headers = {"Content-Type": "application/json", "client_code": client_code,
               "timestamp": timestamp, "signature": signature}
    if authorization:
        headers["Authorization"] = authorization
    status, reply = http("POST", base + path, body, headers)
    if status != 200 or not isinstance(reply, dict) or reply.get("success") is not True:
        sys.exit(f"{path}: HTTP {status} {reply}")
    print(f"{path}: {reply.get('message')}")
    return reply.get("data") or {}


def journey():
    base = env("PRAKERJA_BASE_URL").rstrip("/")
    dp = (env("PRAKERJA_DP_CLIENT_CODE"), env("PRAKERJA_DP_SIGN_KEY"))
    lp = (env("PRAKERJA_LP_CLIENT_CODE"), env("PRAKERJA_LP_SIGN_KEY"))
    _, fixtures = http("GET", base + "/__sandbox/fixtures")
    participant = fixtures["participants"][0]["prakerjaId"]
    schedule = fixtures["schedules"][0]
    course = next(c for c in fixtures["courses"] if c["courseCode"] == schedule["courseCode"])
    invoice = f"INV-PY-{int(time.time() * 1000)}"
    api = "/api/v1/integration/payment"

    quota = call(base, *dp, f"{api}/quota-schedule",
                 {"course_code": course["courseCode"], "schedule_code": schedule["scheduleCode"]})
    print(f"  quota {quota.get('quota')}")
    otp_data = call(base, *dp, f"{api}/send-otp", {
        "prakerja_id": participant, "user_platform_id": "user-python-1",
        "course_code": course["courseCode"], "amount": course["price"],
        "schedule_code": schedule["scheduleCode"]})
    token = otp_data.get("payment_token") or otp_data.get("token")
    _, sms = http("GET", f"{base}/__sandbox/sms/latest?prakerjaId={participant}")
    paid = call(base, *dp, f"{api}/authorize", {
        "otp": sms["otp"], "invoice_url": f"https://dp.example/invoice/{invoice}",
        "invoice_code": invoice}, authorization=f"Payment {token}")
    transaction = paid["transaction_code"]
    print(f"  transaction {transaction}")
    print(f"  status {call(base, *dp, f'{api}/status', {'invoice_code': invoice}).get('status')}")
    call(base, *dp, f"{api}/void", {"invoice_code": invoice, "transaction_code": transaction})
    final = str(call(base, *dp, f"{api}/status", {"invoice_code": invoice}).get("status"))
    print(f"  status {final}")
    if final.upper() not in ("VOID", "VOIDED", "CANCELLED", "CANCELED"):
        sys.exit(f"expected a voided status after payment/void, got {final}")

    code = fixtures["redeemCodes"][0]["redeemCode"]
    redeem = call(base, *lp, f"{api}/redeem-code/status", {"redeem_code": code, "sequence": 1})
    print(f"  redeem code status {redeem.get('status')}")
    print(f"journey complete: invoice {invoice} voided")
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "vectors":
        sys.exit(check_vectors(sys.argv[2]))
    if len(sys.argv) >= 2 and sys.argv[1] == "journey":
        sys.exit(journey())
    sys.exit("usage: prakerja_reference.py vectors FILE | journey")
