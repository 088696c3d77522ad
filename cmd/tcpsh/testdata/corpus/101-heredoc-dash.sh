cat <<-END
	tab indented
		two tabs
	END
cat <<-"X"
	$literal
	X
cat <<END
	tabs kept
END
