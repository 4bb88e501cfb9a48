#!/bin/bash
# SecureSageMaker: the workspace's Studio lifecycle script for JupyterLab spaces. It runs as the
# space's user when the app starts. Placeholders in double braces are filled at synth. Idle apps are
# shut down by the domain's own idle settings, not by this script.
set -euo pipefail

REGION="{{REGION}}"
DOMAIN="{{DOMAIN}}"
DOMAIN_OWNER="{{DOMAIN_OWNER}}"
REPOSITORY="{{REPOSITORY}}"

# pip and npm resolve packages from the workspace's CodeArtifact mirror; tokens last 12 hours at
# most, so a background loop refreshes them every 6 hours for as long as the app runs.
refresh() {
  TOKEN=$(aws codeartifact get-authorization-token --region "$REGION" --domain "$DOMAIN" --domain-owner "$DOMAIN_OWNER" --duration-seconds 43200 --query authorizationToken --output text)
  HOST="$DOMAIN-$DOMAIN_OWNER.d.codeartifact.$REGION.amazonaws.com"
  mkdir -p "$HOME/.config/pip"
  printf '[global]\nindex-url = https://aws:%s@%s/pypi/%s/simple/\n' "$TOKEN" "$HOST" "$REPOSITORY" > "$HOME/.config/pip/pip.conf"
  printf 'registry=https://%s/npm/%s/\n//%s/npm/%s/:_authToken=%s\n' "$HOST" "$REPOSITORY" "$HOST" "$REPOSITORY" "$TOKEN" > "$HOME/.npmrc"
  chmod 600 "$HOME/.config/pip/pip.conf" "$HOME/.npmrc"
}

refresh
nohup bash -c "while sleep 21600; do $(declare -f refresh); REGION='$REGION' DOMAIN='$DOMAIN' DOMAIN_OWNER='$DOMAIN_OWNER' REPOSITORY='$REPOSITORY' refresh; done" > /dev/null 2>&1 &
