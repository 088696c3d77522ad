# W5c: BENCH_W5_N rounds of parameter expansions and a case glob.
s=abcabcabc/path/to/file.tar.gz n=0
for ((i = 0; i < BENCH_W5_N; i++)); do
	a=${s#*/} b=${s%.*} c=${#s} d=${s//a/b}
	case $s in
	*.tar.gz) n=$((n + 1)) ;;
	esac
done
echo "$n $a $b $c $d"
