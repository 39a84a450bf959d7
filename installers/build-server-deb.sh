#!/usr/bin/env bash
# Builds the server's Debian package, installers/target/tributary-server_VERSION_amd64.deb:
# jpackage makes the package (the server jar, a Java 25 runtime it links, the launcher /opt/tributary-server/bin/tributary),
# then the system integration is added to it: the systemd unit (tributary.service), the environment file
# /etc/tributary/tributary.env (a conffile: kept across upgrades), /usr/bin/tributary for operators, and maintainer
# scripts that create the tributary user. About 1 minute. Needs a JDK 25 with jpackage, dpkg-deb and fakeroot.
#
#   installers/build-server-deb.sh            # builds the server jar first when it is missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/installers/server"
out="$root/installers/target"
jdk="${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
maintainer_email="${DEB_MAINTAINER_EMAIL:-tributary@localhost}"   # jpackage writes Maintainer: Tributary <this>
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

[ -x "$jdk/bin/jpackage" ] || fail "no jpackage at $jdk (set JDK25_HOME to a JDK 25)"
for tool in dpkg-deb fakeroot; do command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y dpkg-dev fakeroot)"; done

jar="$root/server/target/tributary-server.jar"
if [ ! -s "$jar" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)"
[ -n "$version" ] || fail "no version in pom.xml"
# jpackage takes numbers only; Debian sorts 0.1.0~SNAPSHOT before the 0.1.0 release.
app_version="${version%%-*}"
deb_version="${version/-/\~}-1"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/input" "$out"
cp "$jar" "$work/input/"

echo "jpackage: tributary-server $version" >&2
# jpackage's own package is unpacked again below: gzip it (dpkg-deb reads this variable) rather than xz, minutes faster.
DPKG_DEB_COMPRESSOR_TYPE=gzip "$jdk/bin/jpackage" --type deb --dest "$work/jpackage" \
  --name tributary --app-version "$app_version" --vendor Tributary \
  --description "Tributary data sync server: bulk syncs (ELT) and model syncs (reverse ETL)" \
  --input "$work/input" --main-jar tributary-server.jar \
  --java-options "--sun-misc-unsafe-memory-access=allow" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.localedata,jdk.charsets,jdk.naming.dns,jdk.net,jdk.management,jdk.management.agent,jdk.jfr,jdk.httpserver,jdk.security.auth,jdk.security.jgss \
  --install-dir /opt --linux-package-name tributary-server --linux-deb-maintainer "$maintainer_email" \
  --linux-app-category misc
built="$(ls "$work"/jpackage/*.deb)"

# Open the package and add what jpackage has no option for.
stage="$work/stage"
dpkg-deb -R "$built" "$stage"
[ -x "$stage/opt/tributary-server/bin/tributary" ] || { find "$stage" -maxdepth 4 | head -n 30 >&2; fail "jpackage's package has no /opt/tributary-server/bin/tributary"; }
install -D -m 0644 "$src/tributary.service" "$stage/lib/systemd/system/tributary.service"
install -D -m 0640 "$src/tributary.env" "$stage/etc/tributary/tributary.env"
install -D -m 0755 "$src/tributary-cli" "$stage/usr/bin/tributary"
for script in postinst prerm postrm; do install -m 0755 "$src/debian/$script" "$stage/DEBIAN/$script"; done
rm -f "$stage/DEBIAN/preinst"   # jpackage's only unregisters its own services, which this package does not use
echo /etc/tributary/tributary.env >"$stage/DEBIAN/conffiles"
installed_kb="$(du -sk --exclude=DEBIAN "$stage" | cut -f1)"
# Depends: jpackage lists the packages of every library the runtime links, X11 and ALSA included. Only the desktop
# libraries below use those, and a headless server never loads them; the rest is computed the same way (dpkg -S).
depends="$(find "$stage/opt" -type f \( -name '*.so' -o -perm -u+x \) ! -name libawt_xawt.so ! -name libjawt.so \
    ! -name libjsound.so ! -name libsplashscreen.so -exec ldd {} \; 2>/dev/null | awk '/=> \//{print $3}' | sort -u \
  | while read -r lib; do dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || true; done \
  | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g')"
[[ "$depends" == *libc6* ]] || fail "could not work out the package's dependencies (got '$depends')"
sed -i -e "s/^Version: .*/Version: $deb_version/" \
       -e "s/^Installed-Size: .*/Installed-Size: $installed_kb/" \
       -e "s/^Depends: .*/Depends: $depends, passwd/" "$stage/DEBIAN/control"

deb="$out/tributary-server_${deb_version}_amd64.deb"
fakeroot dpkg-deb --build -Zgzip "$stage" "$deb" >/dev/null
echo "$deb"
