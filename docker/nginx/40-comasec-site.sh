#!/bin/sh
# Run by the nginx image at start (/docker-entrypoint.d): HTTPS when a certificate is
# mounted at /etc/nginx/certs, plain HTTP otherwise.
set -eu
if [ -s /etc/nginx/certs/fullchain.pem ] && [ -s /etc/nginx/certs/privkey.pem ]; then
    cp /etc/nginx/comasec/https.conf /etc/nginx/conf.d/default.conf
    echo "comasec: HTTPS with /etc/nginx/certs/fullchain.pem"
else
    cp /etc/nginx/comasec/http.conf /etc/nginx/conf.d/default.conf
    echo "comasec: no certificate in /etc/nginx/certs, plain HTTP on port 80"
fi
