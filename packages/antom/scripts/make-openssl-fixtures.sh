#!/usr/bin/env bash
# Regenerates src/signing/fixtures/openssl/: an RSA 2048 key pair in every accepted encoding, a request and a notification
# signed by the openssl CLI. Run by hand from anywhere; the tests only read what it writes.
set -euo pipefail

out="$(cd "$(dirname "$0")/.." && pwd)/src/signing/fixtures/openssl"
mkdir -p "$out"
cd "$out"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private-pkcs8.pem 2>/dev/null
openssl rsa -in private-pkcs8.pem -traditional -out private-pkcs1.pem 2>/dev/null
openssl pkey -in private-pkcs8.pem -pubout -out public-spki.pem
openssl rsa -in private-pkcs8.pem -RSAPublicKey_out -out public-pkcs1.pem 2>/dev/null
grep -v -- '-----' private-pkcs8.pem | tr -d '\n' >private-pkcs8.b64.txt
grep -v -- '-----' public-spki.pem | tr -d '\n' >public-spki.b64.txt

client_id='SANDBOX_5YBZ1A2Z0Q1N09157'

# name method path time body: writes <name>-body.txt, <name>-content.txt (no trailing newline), <name>-signature.b64.txt
sign() {
  printf '%s' "$5" >"$1-body.txt"
  printf '%s %s\n%s.%s.%s' "$2" "$3" "$client_id" "$4" "$5" >"$1-content.txt"
  openssl dgst -sha256 -sign private-pkcs8.pem "$1-content.txt" | base64 -w0 >"$1-signature.b64.txt"
}

sign request POST /ams/sandbox/api/v1/payments/pay 1685599933871 \
  '{"productCode":"CASHIER_PAYMENT","paymentRequestId":"pay-2023-06-01-0001","order":{"orderAmount":{"currency":"EUR","value":"1990"},"orderDescription":"Caf\u00e9 au lait — 2 cups"},"paymentAmount":{"currency":"EUR","value":"1990"},"paymentMethod":{"paymentMethodType":"CARD"},"paymentRedirectUrl":"https://shop.example/return","paymentNotifyUrl":"https://shop.example/antom/notify"}'

sign notification POST /antom/notify 1685599940123 \
  '{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"pay-2023-06-01-0001","paymentId":"20230601194010800100188820200000001","paymentAmount":{"currency":"EUR","value":"1990"},"paymentCreateTime":"2023-06-01T12:52:13+08:00","paymentTime":"2023-06-01T12:52:20+08:00"}'

cat >fixture.json <<JSON
{
  "clientId": "$client_id",
  "request": { "method": "POST", "path": "/ams/sandbox/api/v1/payments/pay", "requestTime": "1685599933871" },
  "notification": { "method": "POST", "path": "/antom/notify", "requestTime": "1685599940123" }
}
JSON
echo "wrote $(ls | wc -l) files to $out"
