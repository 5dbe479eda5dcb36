from flask import Flask

app = Flask(__name__)


@app.route("/panel")
def panel():
    return "<h1>Panel</h1>"
