# Sourced by the hack/ scripts: checks the tools the suite needs and installs what it can.
# As root on Debian it installs missing packages with apt; otherwise it says exactly what is missing.

apt_updated=""
apt_install() { # package...
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    return 1
  fi
  if [ -z "$apt_updated" ]; then
    echo "prerequisites: apt-get update" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    apt_updated=1
  fi
  echo "prerequisites: apt-get install $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

require_command() { # command debian-package what-for
  local cmd="$1" pkg="$2" why="$3"
  command -v "$cmd" >/dev/null && return 0
  apt_install "$pkg" && command -v "$cmd" >/dev/null && return 0
  echo "prerequisites: '$cmd' is missing ($why). Install the Debian package '$pkg' (as root: apt-get install $pkg)." >&2
  return 1
}

java_major() {
  java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

ensure_prerequisites() {
  local ok=0
  require_command git git "the build reads the repository" || ok=1
  command -v curl >/dev/null || command -v wget >/dev/null || require_command curl curl "./mvnw downloads Maven from Maven Central" || ok=1
  if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
    apt_install openjdk-17-jdk-headless || true
  fi
  if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
    echo "prerequisites: Java 17 or newer is missing. Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME." >&2
    ok=1
  fi
  return $ok
}

# The real servers and browser the tests drive: OpenLDAP, Samba as an AD DC, headless Chromium with
# its WebDriver, and certutil, which puts a test CA into a browser's own NSS database.
# Each entry is "command:package ..."; the packages are installed when the command is missing.
TEST_PACKAGES=(
  "/usr/sbin/slapd:slapd"
  "/usr/sbin/slapadd:slapd"
  "/usr/bin/ldapsearch:ldap-utils"
  "/usr/sbin/samba:samba samba-ad-dc samba-dsdb-modules"
  "/usr/share/samba/setup/ad-schema:samba-ad-provision"
  "/usr/bin/samba-tool:samba-common-bin"
  "/usr/bin/chromium:chromium"
  "/usr/bin/chromedriver:chromium-driver"
  "/usr/bin/certutil:libnss3-tools"
)

# Installs packages with every service start refused: Debian's maintainer scripts would otherwise
# start a system slapd and smbd listening on all interfaces. Restores any earlier policy-rc.d.
apt_install_without_services() { # package...
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    return 1
  fi
  local policy=/usr/sbin/policy-rc.d saved="" status=0
  if [ -e "$policy" ]; then
    saved=$(mktemp)
    cp -p "$policy" "$saved"
  fi
  printf '#!/bin/sh\n# Installed by pinniped-java hack/lib/prerequisites.sh during apt-get install.\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  apt_install "$@" || status=$?
  if [ -n "$saved" ]; then
    mv "$saved" "$policy"
  else
    rm -f "$policy"
  fi
  stop_system_services
  return $status
}

# A system slapd or Samba (started by an earlier install or at boot) would hold the LDAP ports and
# answer on every interface; the tests start their own on 127.0.0.1.
stop_system_services() {
  local service
  for service in slapd samba-ad-dc smbd nmbd winbind; do
    if [ -x "/etc/init.d/$service" ] && command -v invoke-rc.d >/dev/null; then
      invoke-rc.d "$service" stop >/dev/null 2>&1 || true
    fi
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      systemctl disable --now "$service" >/dev/null 2>&1 || true
    fi
  done
}

ensure_test_packages() {
  local entry pkgs missing=() packages=()
  for entry in "${TEST_PACKAGES[@]}"; do
    if [ ! -e "${entry%%:*}" ]; then
      read -r -a pkgs <<<"${entry#*:}"
      packages+=("${pkgs[@]}")
    fi
  done
  if [ ${#packages[@]} -gt 0 ]; then
    mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
    apt_install_without_services "${packages[@]}" || true
  fi
  for entry in "${TEST_PACKAGES[@]}"; do
    [ -e "${entry%%:*}" ] || missing+=("${entry%%:*} (Debian package ${entry#*:})")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "prerequisites: the tests need the real LDAP, Active Directory and browser parts; missing: ${missing[*]}." >&2
    echo "prerequisites: run hack/test.sh as root to install them, or as root: apt-get install --no-install-recommends ${packages[*]} (with /usr/sbin/policy-rc.d exiting 101 so that no system slapd or samba starts)." >&2
    return 1
  fi
}
