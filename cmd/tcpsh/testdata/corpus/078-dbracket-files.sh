d=$(mktemp -d); cd "$d"
touch file; mkdir dir; ln -s file link; ln -s nowhere dangling
: > empty; echo data > full
[[ -f file ]] && echo "-f file"
[[ -f dir ]] || echo "dir is not -f"
[[ -d dir ]] && echo "-d dir"
[[ -e link ]] && echo "-e link"
[[ -L link && -h link ]] && echo "-L link"
[[ -e dangling ]] || echo "dangling not -e"
[[ -L dangling ]] && echo "dangling is -L"
[[ -s full && ! -s empty ]] && echo "-s"
[[ -r file && -w file ]] && echo "-r -w"
chmod +x file; [[ -x file ]] && echo "-x"
[[ full -nt nosuch ]] && echo "-nt vs missing"
[[ file -ef link ]] && echo "-ef"
cd /; rm -rf "$d"
[[ -e "$d" ]]
