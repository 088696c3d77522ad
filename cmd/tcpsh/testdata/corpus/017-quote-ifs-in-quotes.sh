v="a   b	c"
printf '<%s>' $v; echo
printf '<%s>' "$v"; echo
printf '<%s>' "pre $v post"; echo
printf '<%s>' pre$v; echo
w='  lead'
printf '<%s>' $w "$w"; echo
