#!/usr/bin/env bash
# Assembles the file tree of the server image (pinniped-java-server) in <output directory>, from
# this machine: a jlink'd Java runtime of the newest JDK here (17 or newer; 21+ recommended), the
# shared libraries it and the image's shell tools link against, both apps' Quarkus builds and the
# files under server-image/src/main/image. server-image's build runs it, then packs the tree into an
# image tarball with Jib; nothing here needs Docker.
#
#   hack/image-rootfs.sh <output directory> <concierge quarkus-app> <supervisor quarkus-app>
#
# PINNIPED_IMAGE_JDK=<JDK home> picks the JDK.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -eq 3 ] || { echo "usage: $0 <output directory> <concierge quarkus-app> <supervisor quarkus-app>" >&2; exit 2; }
out=$1 concierge=$2 supervisor=$3
for app in "$concierge" "$supervisor"; do
  [ -f "$app/quarkus-run.jar" ] || { echo "image-rootfs: $app/quarkus-run.jar is missing: build the concierge and supervisor modules first" >&2; exit 1; }
done

java_version() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

jdk=${PINNIPED_IMAGE_JDK:-}
if [ -z "$jdk" ]; then
  best=0
  for candidate in /usr/lib/jvm/*/ "${JAVA_HOME:-/nonexistent}/"; do
    candidate=${candidate%/}
    [ -x "$candidate/bin/jlink" ] || continue
    version=$(java_version "$candidate")
    if [ -n "$version" ] && [ "$version" -ge 17 ] && [ "$version" -gt "$best" ]; then
      best=$version jdk=$candidate
    fi
  done
fi
[ -n "$jdk" ] && [ -x "$jdk/bin/jlink" ] || { echo "image-rootfs: no JDK 17+ with jlink found; set PINNIPED_IMAGE_JDK" >&2; exit 1; }

# What the two apps' libraries refer to (jdeps), less jdk.compiler (only Vert.x's code generator, at
# build time), plus what they find by reflection or service lookup: JNDI's DNS provider, the
# management extensions the JVM's container support reports through, and zipfs. jdk.crypto.ec holds
# the elliptic curves on JDK 17–21 and is empty on later JDKs.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi
modules=$modules,java.security.sasl,java.sql,java.xml,jdk.unsupported,jdk.naming.dns
modules=$modules,jdk.management,jdk.zipfs
if "$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then
  modules=$modules,jdk.crypto.ec
fi

glibc=$(ldd --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+$' || true)
case "$glibc" in
  2.3[4-9] | 2.[4-9][0-9] | [3-9].*) ;;
  *) echo "image-rootfs: glibc 2.34 or newer needed (its NSS modules are built in), found '${glibc:-none}'" >&2; exit 1 ;;
esac

rm -rf "$out"
mkdir -p "$out"
cp -R "$root/server-image/src/main/image/." "$out/"
mkdir -p "$out/opt" "$out/app" "$out/tmp" "$out/proc" "$out/dev" "$out/sys" "$out/home/nonroot"
echo "image-rootfs: Java runtime from $jdk ($(java_version "$jdk"))" >&2
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$out/opt/java"
cp -R "$concierge" "$out/app/concierge"
cp -R "$supervisor" "$out/app/supervisor"

# The image's shell tools, and every shared library that they and the runtime load, from this
# machine. glibc 2.34 and newer has the NSS modules (files, dns) built in. The runtime's AWT, font,
# image and sound libraries are left out with the X11 and ALSA libraries they need: java.desktop is
# in the runtime for java.beans, and nothing in the servers draws or plays.
mkdir -p "$out/bin"
for tool in sh sleep base64; do
  cp -L "$(command -v "$tool")" "$out/bin/$tool"
done
headless='libawt|libjawt|libfontmanager|libfreetype|libjsound|libsplashscreen|liblcms|libjavajpeg|libmlib_image'
libraries() {
  find "$out/opt/java" "$out/bin" -type f \( -perm -u+x -o -name '*.so' \) -print \
    | grep -Ev "/($headless)[^/]*\.so$" | tr '\n' '\0' \
    | xargs -0 ldd 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' \
    | grep -v "^$out/" | sort -u
}
for library in $(libraries); do
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done
echo "image-rootfs: $(du -sh "$out" | cut -f1) in $out" >&2
