d=$(mktemp -d); cd "$d"
touch README readme Other
shopt -s nocaseglob
echo r*
shopt -u nocaseglob
echo r*
shopt -s nocasematch
[[ ABC == abc ]] && echo "nocasematch [["
case XyZ in xyz) echo "nocasematch case";; esac
cd /; rm -rf "$d"
