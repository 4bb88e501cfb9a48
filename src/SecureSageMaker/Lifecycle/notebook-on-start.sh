#!/bin/bash
# SecureSageMaker: the workspace's notebook lifecycle script. It runs as root at every start.
# Placeholders in double braces are filled at synth. There is no internet: everything below talks to
# AWS through the workspace's interface endpoints.
set -euo pipefail

REGION="{{REGION}}"
PACKAGE_MIRROR="{{PACKAGE_MIRROR}}"
DOMAIN="{{DOMAIN}}"
DOMAIN_OWNER="{{DOMAIN_OWNER}}"
REPOSITORY="{{REPOSITORY}}"
IDLE_MINUTES="{{IDLE_MINUTES}}"

if [ "$PACKAGE_MIRROR" = "true" ]; then
  # pip and npm of ec2-user resolve packages from the workspace's CodeArtifact mirror. Tokens last
  # 12 hours at most: cron refreshes them every 6 hours.
  cat > /usr/local/bin/securesagemaker-package-mirror <<SCRIPT
#!/bin/bash
set -euo pipefail
TOKEN=\$(aws codeartifact get-authorization-token --region "$REGION" --domain "$DOMAIN" --domain-owner "$DOMAIN_OWNER" --duration-seconds 43200 --query authorizationToken --output text)
ENDPOINT="https://$DOMAIN-$DOMAIN_OWNER.d.codeartifact.$REGION.amazonaws.com"
mkdir -p /home/ec2-user/.config/pip
printf '[global]\nindex-url = %s\n' "https://aws:\$TOKEN@\${ENDPOINT#https://}/pypi/$REPOSITORY/simple/" > /home/ec2-user/.config/pip/pip.conf
printf 'registry=%s\n//%s:_authToken=%s\n' "\$ENDPOINT/npm/$REPOSITORY/" "\${ENDPOINT#https://}/npm/$REPOSITORY/" "\$TOKEN" > /home/ec2-user/.npmrc
chown -R ec2-user:ec2-user /home/ec2-user/.config/pip /home/ec2-user/.npmrc
chmod 600 /home/ec2-user/.config/pip/pip.conf /home/ec2-user/.npmrc
SCRIPT
  chmod 755 /usr/local/bin/securesagemaker-package-mirror
  /usr/local/bin/securesagemaker-package-mirror
  echo "0 */6 * * * root /usr/local/bin/securesagemaker-package-mirror" > /etc/cron.d/securesagemaker-package-mirror
fi

if [ "$IDLE_MINUTES" != "0" ]; then
  # Stops the notebook instance when no kernel has been busy for IDLE_MINUTES (cost is what makes
  # teams reject locked-down setups). It reads the local Jupyter server and calls SageMaker through
  # the workspace's endpoint with the notebook's own role, which may stop only this notebook.
  cat > /usr/local/bin/securesagemaker-idle-stop <<'SCRIPT'
#!/usr/bin/env python3
import datetime, json, ssl, subprocess, sys, urllib.request

idle_minutes = int(sys.argv[1])
region = sys.argv[2]
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
with urllib.request.urlopen("https://localhost:8443/api/sessions", context=context, timeout=30) as response:
    sessions = json.load(response)
now = datetime.datetime.now(datetime.timezone.utc)
for session in sessions:
    kernel = session.get("kernel", {})
    if kernel.get("execution_state") == "busy":
        sys.exit(0)
    last = datetime.datetime.fromisoformat(kernel.get("last_activity", now.isoformat()).replace("Z", "+00:00"))
    if (now - last).total_seconds() < idle_minutes * 60:
        sys.exit(0)
with open("/opt/ml/metadata/resource-metadata.json") as metadata:
    name = json.load(metadata)["ResourceName"]
subprocess.run(["aws", "sagemaker", "stop-notebook-instance", "--region", region, "--notebook-instance-name", name], check=True)
SCRIPT
  chmod 755 /usr/local/bin/securesagemaker-idle-stop
  echo "*/5 * * * * root /usr/local/bin/securesagemaker-idle-stop $IDLE_MINUTES $REGION" > /etc/cron.d/securesagemaker-idle-stop
fi
