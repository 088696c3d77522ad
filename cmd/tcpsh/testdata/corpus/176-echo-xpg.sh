shopt -s xpg_echo
echo "xpg\tmode"
echo -E "raw\t"
shopt -u xpg_echo
echo "off\t"
echo -n
echo -en
echo -ennn "combined\n"
