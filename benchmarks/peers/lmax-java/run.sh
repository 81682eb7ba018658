#!/usr/bin/env bash
# LMAX Disruptor (Java) in the shapes of `./run.sh bench-ring`, for a side-by-side comparison in one session.
#   benchmarks/peers/lmax-java/run.sh [1p1c|pipeline|1p3c|3p1c|pingpong|all] [--wait BusySpin|Yielding] [--runs N]
# Needs a JDK (17+) and Debian's libdisruptor-java (3.4.4) and libhdrhistogram-java; installs the two jars with
# apt-get when they are missing (as root). The harness (src/PeerShapes.java) is ours; only the library is LMAX's.
set -euo pipefail
cd "$(dirname "$0")"

jars=(/usr/share/java/disruptor.jar /usr/share/java/hdrhistogram.jar)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    echo "installing libdisruptor-java and libhdrhistogram-java (missing $jar)" >&2
    apt-get install -y libdisruptor-java libhdrhistogram-java >&2
    break
  fi
done

classpath="$(IFS=:; echo "${jars[*]}")"
if [ ! -f build/PeerShapes.class ] || [ src/PeerShapes.java -nt build/PeerShapes.class ]; then
  mkdir -p build
  javac -d build -cp "$classpath" src/PeerShapes.java
fi

exec java ${JAVA_OPTS:-} -cp "build:$classpath" PeerShapes "$@"
