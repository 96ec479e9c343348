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
