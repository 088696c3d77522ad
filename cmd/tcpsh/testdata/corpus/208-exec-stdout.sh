d=$(mktemp -d); cd "$d"
exec 6>&1
exec > captured
echo "into file"
ls captured
exec 1>&6 6>&-
echo "restored"
cat captured
exec 2>&1
echo "stderr now stdout" >&2
cd /; rm -rf "$d"
