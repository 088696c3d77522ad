set -x
echo 'single quoted' "it's" ''
echo $'tab\there'
a=(1 2)
v='$(not run)'
echo "$v"
: "spaces  inside"
set +x
