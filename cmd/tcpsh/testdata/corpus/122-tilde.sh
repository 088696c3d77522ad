[ ~ = "$HOME" ] && echo "tilde is HOME"
[ ~/x = "$HOME/x" ] && echo "tilde slash"
echo "~ quoted" '~'
x=~
[ "$x" = "$HOME" ] && echo "tilde in assignment"
y=a:~/b
[ "$y" = "a:$HOME/b" ] && echo "tilde after colon in assignment"
echo ~nosuchuser12345
HOME=/custom
echo ~ ~/z
[ ~+ = "$PWD" ] && echo "tilde plus"
