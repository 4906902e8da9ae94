#!/bin/sh
# The program contrib/apache/htaccess sends every request to.  mod_fcgid
# starts it with a listening socket on fd 0 (invoke-fcgi then serves
# FastCGI until mod_fcgid stops it); mod_cgi starts it once per request
# (invoke-fcgi then answers that one request as CGI).  Use absolute paths:
# neither gives the program your $HOME.
exec /usr/local/bin/invoke-fcgi --root /home/USER/functions --log /home/USER/logs/invoke-fcgi.log
