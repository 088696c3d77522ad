greet() {
  local who=${1:-world}
  echo "hi $who"
}
declare -f greet
declare -F greet
declare -F | grep -c greet
type greet
