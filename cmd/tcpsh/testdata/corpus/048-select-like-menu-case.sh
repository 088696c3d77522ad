choose() {
  case $1 in
    start|s) echo starting;;
    stop|t) echo stopping;;
    restart) choose stop; choose start;;
    *) echo "usage: start|stop|restart" >&2; return 2;;
  esac
}
choose s
choose restart
choose bogus
echo "status: $?"
