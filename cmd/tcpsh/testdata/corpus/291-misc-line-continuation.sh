echo one \
  two \
  three
ec\
ho split-command
x=abc\
def
echo $x
if true \
  && true; then echo continued-if; fi
echo done
