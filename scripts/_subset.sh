# Shared by the scripts: WeasyPrint subsets the fonts of every PDF with HarfBuzz when the system
# has its subsetting library (Debian's libharfbuzz-subset0, as the pipelines in
# .github/workflows/publish.yml and .gitlab-ci.yml install), and otherwise with fontTools in
# Python: a poster then takes twice as long, a handout half as long again. Installed here where
# it is missing and apt-get can; without it the PDFs are the same, only slower to make.
if ! { /sbin/ldconfig -p 2>/dev/null || ldconfig -p 2>/dev/null; } | grep -q 'libharfbuzz-subset\.so\.0'; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing libharfbuzz-subset0 (the PDFs' font subsetting, Debian package)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq libharfbuzz-subset0 >/dev/null; } \
      || echo "libharfbuzz-subset0 could not be installed: the PDFs are made more slowly." >&2
  else
    echo "libharfbuzz-subset0 is missing: the PDFs are made more slowly (install it as root)." >&2
  fi
fi
