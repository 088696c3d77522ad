echo {a,b,c}
echo x{1,2}y
echo {1..5}
echo {5..1}
echo {a..e..2}
echo {0..10..3}
echo {01..03}
echo {a,b}{1,2}
echo {a,{b,c}}d
echo {x}
echo {a..}
echo "{a,b}" '{1..2}'
echo pre{,fix}
echo {-2..2}
