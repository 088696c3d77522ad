echo if then else fi for do done case esac while until
echo { } ! [[ ]]
echo function in time select
x=if; echo $x
for in in in; do echo "$in"; done
