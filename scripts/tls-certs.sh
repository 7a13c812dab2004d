#!/usr/bin/env bash
# Makes TLS certificates for a Docker engine and its clients with openssl, laid out as docker:dind lays out
# /certs: ca/ (the CA's key and certificate), server/ (for dockerd: ca.pem, cert.pem, key.pem) and client/
# (for DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem).
#   scripts/tls-certs.sh DIR [NAME…]   the server certificate names 127.0.0.1, localhost and each NAME
# Keys are P-256, certificates last 30 days; private keys are readable by their owner only.
set -euo pipefail
dir=${1:?usage: scripts/tls-certs.sh DIR [NAME...]}
shift
san="IP:127.0.0.1,DNS:localhost"
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ ]]; then san="$san,IP:$name"; else san="$san,DNS:$name"; fi
done

mkdir -p "$dir/ca" "$dir/server" "$dir/client"
umask 077
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

key "$dir/ca/key.pem"
openssl req -x509 -new -key "$dir/ca/key.pem" -out "$dir/ca/cert.pem" -days 30 -subj "/CN=docker-explainer sandbox CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# sign ROLE CN EXTENSIONS
sign() {
  key "$dir/$1/key.pem"
  openssl req -new -key "$dir/$1/key.pem" -out "$dir/$1/csr.pem" -subj "/CN=$2" 2>/dev/null
  openssl x509 -req -in "$dir/$1/csr.pem" -CA "$dir/ca/cert.pem" -CAkey "$dir/ca/key.pem" -CAcreateserial \
    -out "$dir/$1/cert.pem" -days 30 -extfile <(printf '%s\n' "$3") 2>/dev/null
  rm -f "$dir/$1/csr.pem"
  cp "$dir/ca/cert.pem" "$dir/$1/ca.pem"
  chmod 0644 "$dir/$1/cert.pem" "$dir/$1/ca.pem"
}
sign server "docker sandbox" "subjectAltName=$san
extendedKeyUsage=serverAuth
keyUsage=critical,digitalSignature,keyEncipherment"
sign client "docker-explainer" "extendedKeyUsage=clientAuth
keyUsage=critical,digitalSignature"
chmod 0644 "$dir/ca/cert.pem"
rm -f "$dir/ca/cert.srl"
echo "tls-certs: $dir/{ca,server,client} (server names $san)"
