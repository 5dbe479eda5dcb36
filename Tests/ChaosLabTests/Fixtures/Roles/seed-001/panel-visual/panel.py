import requests
from flask import Flask

app = Flask(__name__)


@app.route("/")
def panel():
    datos = requests.get("http://analiticas:5000/reporte").json()
    return "<br>".join(f"{cliente}: {total}" for cliente, total in datos.items())
