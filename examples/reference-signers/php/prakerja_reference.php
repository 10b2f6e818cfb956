<?php
// Reference signer and verifier for the Kartu Prakerja program API, PHP standard library only.
//
//   php prakerja_reference.php vectors path/to/conformance-vectors.json
//   php prakerja_reference.php journey          # against a running sandbox, see README.md

declare(strict_types=1);

// --- Program request signature (HMAC-SHA1, lower-case hex) ----------------------------------

/** client_code + timestamp + METHOD + path + [authorization] + body, no separators. */
function raw_signature(string $clientCode, string $timestamp, string $method, string $path, string $body, string $authorization = ''): string
{
    return $clientCode . $timestamp . strtoupper($method) . $path . $authorization . $body;
}

/** Lower-case hex HMAC-SHA1 of raw_signature keyed with sign_key. */
function sign_program(string $signKey, string $raw): string
{
    return hash_hmac('sha1', $raw, $signKey);
}

/** What the program checks: same lower-case hex signature, timestamp within tolerance. */
function verify_program(string $signKey, string $raw, string $timestamp, string $signature, int $now, int $tolerance): bool
{
    $fresh = abs($now - (int) $timestamp) <= $tolerance;
    return hash_equals(sign_program($signKey, $raw), $signature) && $fresh;
}

/** The exact bytes to sign AND send: compact, no \/ or \u escaping. */
function compact_json(array $data): string
{
    return json_encode($data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
}

// --- Standard Webhooks (HMAC-SHA256, base64) ------------------------------------------------

function sign_webhook(string $secret, string $id, string $timestamp, string $body): string
{
    $key = base64_decode(str_starts_with($secret, 'whsec_') ? substr($secret, 6) : $secret, true);
    return 'v1,' . base64_encode(hash_hmac('sha256', "$id.$timestamp.$body", $key, true));
}

/** True when the timestamp is fresh and one v1 signature of the header matches. */
function verify_webhook(string $secret, array $headers, string $body, int $now, int $tolerance): bool
{
    $timestamp = $headers['webhook-timestamp'] ?? '';
    if (!ctype_digit($timestamp) || abs($now - (int) $timestamp) > $tolerance) {
        return false;
    }
    $expected = substr(sign_webhook($secret, $headers['webhook-id'] ?? '', $timestamp, $body), 3);
    foreach (explode(' ', $headers['webhook-signature'] ?? '') as $candidate) {
        [$version, $value] = array_pad(explode(',', $candidate, 2), 2, '');
        if ($version === 'v1' && hash_equals($expected, $value)) {
            return true;
        }
    }
    return false;
}

// --- vectors mode ---------------------------------------------------------------------------

function check_vectors(string $file): int
{
    $doc = json_decode(file_get_contents($file), true, 512, JSON_THROW_ON_ERROR);
    $failures = 0;
    $report = function (string $name, array $problems) use (&$failures): void {
        if ($problems) {
            $failures++;
            echo "FAIL $name: " . implode('; ', $problems) . "\n";
        } else {
            echo "ok   $name\n";
        }
    };

    $tolerance = $doc['program']['timestamp_tolerance_seconds'];
    foreach ($doc['program']['vectors'] as $v) {
        $req = $v['request'];
        $h = $req['headers'];
        $auth = ($v['authorization_in_raw_signature'] ?? false) ? ($h['authorization'] ?? '') : '';
        $raw = raw_signature($h['client_code'], $h['timestamp'], $req['method'], explode('?', $req['path'])[0], $req['body'], $auth);
        $problems = [];
        if ($raw !== $v['raw_signature']) {
            $problems[] = 'raw_signature differs';
        }
        if (sign_program($v['sign_key'], $raw) !== $v['expected_signature']) {
            $problems[] = 'signature differs from expected_signature';
        }
        $accepted = verify_program($v['sign_key'], $raw, $h['timestamp'], $h['signature'], $v['now'], $tolerance);
        if ($accepted !== $v['valid']) {
            $problems[] = 'verifier says ' . var_export($accepted, true) . ', vector says valid=' . var_export($v['valid'], true);
        }
        $report('program/' . $v['name'], $problems);
    }

    $tolerance = $doc['events']['timestamp_tolerance_seconds'];
    foreach ($doc['events']['vectors'] as $v) {
        $h = $v['request']['headers'];
        $body = $v['request']['body'];
        $problems = [];
        if (sign_webhook($v['secret'], $h['webhook-id'], $h['webhook-timestamp'], $body) !== $v['expected_signature']) {
            $problems[] = 'signature differs from expected_signature';
        }
        $accepted = verify_webhook($v['secret'], $h, $body, $v['now'], $tolerance);
        if ($accepted !== $v['valid']) {
            $problems[] = 'verifier says ' . var_export($accepted, true) . ', vector says valid=' . var_export($v['valid'], true);
        }
        $report('events/' . $v['name'], $problems);
    }

    echo "$failures failure(s)\n";
    return $failures > 0 ? 1 : 0;
}

// --- journey mode: a DP purchase and an LP redeem-code status against the sandbox ---------

function env(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        fwrite(STDERR, "set $name (see README.md)\n");
        exit(2);
    }
    return $value;
}

function fail(string $message): never
{
    fwrite(STDERR, $message . "\n");
    exit(1);
}

/** @return array{0:int,1:mixed} HTTP status and decoded JSON body. */
function http(string $method, string $url, ?string $body = null, array $headers = []): array
{
    $lines = [];
    foreach ($headers as $name => $value) {
        $lines[] = "$name: $value";
    }
    $context = stream_context_create(['http' => [
        'method' => $method,
        'header' => implode("\r\n", $lines),
        'content' => $body ?? '',
        'ignore_errors' => true, // read 4xx/5xx bodies too
        'follow_location' => 0,
        'timeout' => 10,
    ]]);
    $text = file_get_contents($url, false, $context);
    if ($text === false) {
        fail("$method $url: no response");
    }
    preg_match('#^HTTP/\S+ (\d{3})#', $http_response_header[0] ?? '', $match);
    return [(int) ($match[1] ?? 0), json_decode($text, true)];
}

/** POST a signed program request; exits on anything but HTTP 200 with success true. */
function call(string $base, array $client, string $path, array $data, ?string $authorization = null): array
{
    [$clientCode, $signKey] = $client;
    $body = compact_json($data);
    $timestamp = (string) time();
    // The portal leaves Authorization out of raw_signature; PRAKERJA_SIGN_AUTHORIZATION=1 puts it
    // in, as the official Go helper does (UNCERTAIN; the sandbox's "terse" profile expects it).
    $signedAuthorization = ($authorization !== null && getenv('PRAKERJA_SIGN_AUTHORIZATION') === '1') ? $authorization : '';
    $headers = [
        'Content-Type' => 'application/json',
        'client_code' => $clientCode,
        'timestamp' => $timestamp,
        'signature' => sign_program($signKey, raw_signature($clientCode, $timestamp, 'POST', $path, $body, $signedAuthorization)),
    ];
    if ($authorization !== null) {
        $headers['Authorization'] = $authorization;
    }
    [$status, $reply] = http('POST', $base . $path, $body, $headers);
    if ($status !== 200 || !is_array($reply) || ($reply['success'] ?? null) !== true) {
        fail("$path: HTTP $status " . json_encode($reply));
    }
    echo "$path: {$reply['message']}\n";
    return is_array($reply['data'] ?? null) ? $reply['data'] : [];
}

function journey(): int
{
    $base = rtrim(env('PRAKERJA_BASE_URL'), '/');
    $dp = [env('PRAKERJA_DP_CLIENT_CODE'), env('PRAKERJA_DP_SIGN_KEY')];
    $lp = [env('PRAKERJA_LP_CLIENT_CODE'), env('PRAKERJA_LP_SIGN_KEY')];
    [, $fixtures] = http('GET', "$base/__sandbox/fixtures");
    $participant = $fixtures['participants'][0]['prakerjaId'];
    $schedule = $fixtures['schedules'][0];
    $course = array_values(array_filter($fixtures['courses'], fn ($c) => $c['courseCode'] === $schedule['courseCode']))[0];
    $invoice = 'INV-PHP-' . (int) (microtime(true) * 1000);
    $api = '/api/v1/integration/payment';

    $quota = call($base, $dp, "$api/quota-schedule", ['course_code' => $course['courseCode'], 'schedule_code' => $schedule['scheduleCode']]);
    echo "  quota {$quota['quota']}\n";
    $otpData = call($base, $dp, "$api/send-otp", [
        'prakerja_id' => $participant,
        'user_platform_id' => 'user-php-1',
        'course_code' => $course['courseCode'],
        'amount' => $course['price'],
        'schedule_code' => $schedule['scheduleCode'],
    ]);
    $token = $otpData['payment_token'] ?? $otpData['token'];
    [, $sms] = http('GET', "$base/__sandbox/sms/latest?prakerjaId=" . urlencode($participant));
    $paid = call($base, $dp, "$api/authorize", [
        'otp' => $sms['otp'],
        'invoice_url' => "https://dp.example/invoice/$invoice",
        'invoice_code' => $invoice,
    ], "Payment $token");
    $transaction = $paid['transaction_code'];
    echo "  transaction $transaction\n";
    echo '  status ' . call($base, $dp, "$api/status", ['invoice_code' => $invoice])['status'] . "\n";
    call($base, $dp, "$api/void", ['invoice_code' => $invoice, 'transaction_code' => $transaction]);
    $final = (string) call($base, $dp, "$api/status", ['invoice_code' => $invoice])['status'];
    echo "  status $final\n";
    if (!in_array(strtoupper($final), ['VOID', 'VOIDED', 'CANCELLED', 'CANCELED'], true)) {
        fail("expected a voided status after payment/void, got $final");
    }

    $code = $fixtures['redeemCodes'][0]['redeemCode'];
    $redeem = call($base, $lp, "$api/redeem-code/status", ['redeem_code' => $code, 'sequence' => 1]);
    echo "  redeem code status {$redeem['status']}\n";
    echo "journey complete: invoice $invoice voided\n";
    return 0;
}

$mode = $argv[1] ?? '';
if ($mode === 'vectors' && isset($argv[2])) {
    exit(check_vectors($argv[2]));
}
if ($mode === 'journey') {
    exit(journey());
}
fwrite(STDERR, "usage: php prakerja_reference.php vectors FILE | journey\n");
exit(2);
