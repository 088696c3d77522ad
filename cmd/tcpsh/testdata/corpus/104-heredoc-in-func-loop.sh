f() {
  cat <<END
arg is $1
END
}
f one
f two
for i in 1 2; do
  cat <<-END
	loop $i
	END
done
x=$(cat <<END
inside subst
END
)
echo "$x"
